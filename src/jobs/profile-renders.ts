import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { ProfileRender } from '../mail/digest-email.js';
import { profileRenderSchema } from './digest-jobs.js';

/**
 * A digest profile's rendered email kept once in Redis, where the send workers (no database) read it:
 * the send jobs then carry only each reader's values. Keyed by the digest key (id + creation time), so a
 * database made anew never meets an old render. The owner stores it again whenever it queues sends
 * (a resume, a restart, a worker's report that it is missing), so the expiry only has to outlive a
 * digest that waits: the relay's retry horizon plus a margin.
 */
export type StoredRender = z.infer<typeof profileRenderSchema>;

/** The most a stored render may inflate to. */
const RENDER_MAX_BYTES = 8 * 1024 * 1024;

const renderKey = (prefix: string, digestKey: string, profileKey: string) => `${prefix}:render:${digestKey}:${profileKey}`;

/** How long a stored render lives: the relay's retry horizon plus two days. */
export function renderTtlSeconds(retryHorizonHours: number): number {
  return Math.ceil(retryHorizonHours * 3600) + 2 * 24 * 3600;
}

/** Stores profiles' renders (one round trip for all of them). */
export async function storeProfileRenders(
  redis: Redis,
  prefix: string,
  digestKey: string,
  renders: ReadonlyArray<{ profileKey: string; render: ProfileRender }>,
  ttlSeconds: number,
): Promise<void> {
  // Compressed: a render is tens of kilobytes of repetitive HTML, and there is one per profile in Redis.
  const value = (render: ProfileRender) => gzipSync(JSON.stringify(render));
  // One render (a composed profile's) is one command: a pipeline costs more to build than it saves.
  if (renders.length === 1) {
    const [r] = renders as [{ profileKey: string; render: ProfileRender }];
    await redis.set(renderKey(prefix, digestKey, r.profileKey), value(r.render), 'EX', ttlSeconds);
    return;
  }
  if (renders.length === 0) return;
  const pipeline = redis.pipeline();
  for (const r of renders) pipeline.set(renderKey(prefix, digestKey, r.profileKey), value(r.render), 'EX', ttlSeconds);
  await pipeline.exec();
}

/** The key of one profile's render, for a worker's pipeline (read it with getBuffer); parse the answer with parseStoredRender. */
export function renderKeyOf(prefix: string, digestKey: string, profileKey: string): string {
  return renderKey(prefix, digestKey, profileKey);
}

/** A stored render as Redis returned it (bytes), checked like any job payload; null when absent or not a render. */
export function parseStoredRender(raw: Buffer | null): StoredRender | null {
  if (raw === null) return null;
  try {
    // Bounded: a render is far smaller than this, and a bomb stops here.
    const parsed = profileRenderSchema.safeParse(JSON.parse(gunzipSync(raw, { maxOutputLength: RENDER_MAX_BYTES }).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
