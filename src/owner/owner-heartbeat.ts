import type { AppContext } from '../context.js';
import type { Logger } from '../logger.js';

const HEARTBEAT_SECONDS = 15;

/** The Redis key that says a process owning the database runs under this prefix (the CLI checks it). */
export function ownerHeartbeatKey(prefix: string): string {
  return `${prefix}:owner:heartbeat`;
}

/** Keeps the heartbeat key alive (it expires on its own if this process dies) and removes it on close. */
export async function startOwnerHeartbeat(ctx: Pick<AppContext, 'config' | 'redis'>, logger: Logger): Promise<{ close(): Promise<void> }> {
  const key = ownerHeartbeatKey(ctx.config.QUEUE_PREFIX);
  // A missed beat is harmless: the next one, a few seconds later, renews the key.
  const beat = () =>
    ctx.redis.set(key, String(process.pid), 'EX', HEARTBEAT_SECONDS).catch((err: Error) => logger.debug({ err: err.message }, 'owner heartbeat missed'));
  await beat();
  const timer = setInterval(beat, (HEARTBEAT_SECONDS * 1000) / 3);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await ctx.redis.del(key).catch(() => undefined);
    },
  };
}
