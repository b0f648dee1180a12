/**
 * How fast a whole digest goes out on one machine: planning, one model call per profile (the Ollama
 * stand-in answers at once, so this measures labdigest, not the model), render, fill and SMTP to a
 * local sink, with the results applied to SQLite. `npm run bench`. Traffic stays on 127.0.0.1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { openContext } from '../src/context.js';
import { getDigest } from '../src/digests/digest-repository.js';
import { planDigest } from '../src/digests/digest-planner.js';
import { triggerDigest } from '../src/digests/digest-service.js';
import { createLogger } from '../src/logger.js';
import { startOwnerParts } from '../src/owner/owner-parts.js';
import { seedItem, seedSubscriber, seedTopics } from '../tests/helpers/digest-fixtures.js';
import { startOllamaStandIn } from '../tests/helpers/ollama-stand-in.js';
import { deletePrefix, uniquePrefix } from '../tests/helpers/redis-prefix.js';
import { startSmtpServer } from '../tests/helpers/smtp-server.js';
import { startWorkers } from '../workers/start.js';
import { waitUntil } from './wait-until.js';

const READERS = Number(process.argv[2] ?? 2000);
const TOPICS = ['elections', 'networks', 'labour', 'education', 'health', 'migration'];

const smtp = await startSmtpServer();
const ollama = await startOllamaStandIn();
const dir = mkdtempSync(join(tmpdir(), 'labdigest-bench-'));
const config = loadConfig({
  DATABASE_PATH: join(dir, 'labdigest.db'),
  QUEUE_PREFIX: uniquePrefix('bench'),
  SMTP_URL: smtp.url,
  OLLAMA_HOST: ollama.url,
  SEND_RATE_PER_SEC: '10000',
  SMTP_POOL_SIZE: '5',
  LOG_LEVEL: 'warn',
  // The benchmark measures the pipeline, not an editor: the digest goes straight out.
  REVIEW_REQUIRED: 'false',
});
const logger = createLogger('warn');
const ctx = await openContext(config, { logger });
const { db } = ctx;

seedTopics(db, Object.fromEntries(TOPICS.map((t) => [t, { en: t, es: t }])));
for (let i = 0; i < 30; i++) {
  seedItem(db, {
    title: `Item ${i}`,
    kind: (['project', 'publication', 'news'] as const)[i % 3],
    date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    topics: [TOPICS[i % 6]!, TOPICS[(i + 2) % 6]!],
  });
}
// Readers pick one or two of six topics in two languages: a few dozen distinct profiles.
for (let i = 0; i < READERS; i++) {
  const picks = i % 3 === 0 ? [TOPICS[i % 6]!] : [TOPICS[i % 6]!, TOPICS[Math.floor(i / 6) % 6]!];
  seedSubscriber(db, { email: `reader${i}@example.org`, name: `Reader ${i}`, language: Math.floor(i / 36) % 2 ? 'es' : 'en', topics: [...new Set(picks)] });
}

const owner = await startOwnerParts(ctx, logger);
const workers = await startWorkers(config, logger);

const dry = performance.now();
const planned = planDigest(db, config, { period: '2026-09', windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01'), dryRun: true });
const planMs = performance.now() - dry;

const t0 = performance.now();
const { digest } = await triggerDigest(ctx, { period: '2026-11', windowStart: new Date('2026-10-01'), windowEnd: new Date('2026-11-01') });
await waitUntil(() => getDigest(db, digest.id).status === 'sent', 600_000, 'the digest to go out');
const totalMs = performance.now() - t0;
const done = getDigest(db, digest.id);

console.log(`digest of ${READERS} readers, ${done.itemCount} items, ${done.profileCount} profiles`);
console.log(`  plan (dry run, ${planned.digest.plannedCount} deliveries)   ${planMs.toFixed(0)} ms`);
console.log(`  model calls                         ${done.llmCallCount} (one per profile)`);
console.log(`  trigger → all sent                  ${(totalMs / 1000).toFixed(2)} s`);
console.log(`  throughput                          ${((done.sentCount / totalMs) * 1000).toFixed(0)} emails/s (SMTP to a local sink, pool of 5)`);
console.log(`  emails received by the SMTP sink    ${smtp.messages.length}`);

await workers.close();
await owner.close();
await ctx.close();
await deletePrefix(config.QUEUE_PREFIX);
await smtp.close();
await ollama.close();
