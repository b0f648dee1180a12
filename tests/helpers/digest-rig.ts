import { createLogger } from '../../src/logger.js';
import { getDigest } from '../../src/digests/digest-repository.js';
import type { DigestView } from '../../src/digests/digest-schema.js';
import { FINAL_DIGEST_STATUSES } from '../../src/digests/digest-statuses.js';
import type { DigestStatus } from '../../src/domain/statuses.js';
import { startOwnerParts, type OwnerParts } from '../../src/owner/owner-parts.js';
import { startWorkers, type RunningWorkers } from '../../workers/start.js';
import { waitUntil } from './digest-fixtures.js';
import { startOllamaStandIn, type OllamaStandIn, type StandInMode } from './ollama-stand-in.js';
import { startSmtpServer, type SmtpServerOptions, type TestSmtpServer } from './smtp-server.js';
import { createTestApp, type TestApp } from './test-app.js';

export interface DigestRig {
  t: TestApp;
  smtp: TestSmtpServer;
  ollama: OllamaStandIn;
  /** Triggers a digest through the admin API; returns the 202 body. */
  trigger(body: Record<string, unknown>): Promise<{ id: number; created: boolean; digest: DigestView }>;
  /** Waits until the digest leaves its running states; returns the admin API's view of it. */
  waitFinished(id: number, timeoutMs?: number): Promise<DigestView>;
  /** Waits until the digest is in `status` (e.g. 'review'); returns the admin API's view of it. */
  waitStatus(id: number, status: DigestStatus, timeoutMs?: number): Promise<DigestView>;
  /** Waits until no compose or send job is waiting, delayed or running. */
  waitQueuesIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole digest path on real parts: the app on a fresh database, a real SMTP server, the Ollama
 * stand-in, the owner's parts and the workers, all under one private Redis prefix.
 */
export async function startDigestRig(
  label: string,
  opts: { env?: Record<string, string>; smtp?: SmtpServerOptions; workers?: boolean; ollamaMode?: StandInMode } = {},
): Promise<DigestRig> {
  const smtp = await startSmtpServer(opts.smtp);
  const ollama = await startOllamaStandIn({ mode: opts.ollamaMode });
  const t = await createTestApp(label, {
    SMTP_URL: smtp.url,
    OLLAMA_HOST: ollama.url,
    SEND_RATE_PER_SEC: '200',
    LLM_TIMEOUT_MS: '2000',
    ...opts.env,
  });
  const logger = createLogger(process.env.TEST_LOG ?? 'silent');
  const owner: OwnerParts = await startOwnerParts(t.ctx, logger);
  const workers: RunningWorkers | null = opts.workers === false ? null : await startWorkers(t.config, logger);

  const view = async (id: number): Promise<DigestView> => (await t.app.inject({ url: `/api/admin/digests/${id}`, headers: t.admin })).json();
  return {
    t,
    smtp,
    ollama,
    async trigger(body) {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/digests', headers: t.admin, payload: body });
      if (res.statusCode !== 202) throw new Error(`trigger answered ${res.statusCode}: ${res.body}`);
      return res.json();
    },
    async waitFinished(id, timeoutMs = 20_000) {
      await waitUntil(() => (FINAL_DIGEST_STATUSES as readonly string[]).includes(getDigest(t.ctx.db, id).status), timeoutMs, `digest ${id} to finish`);
      return view(id);
    },
    async waitStatus(id, status, timeoutMs = 20_000) {
      await waitUntil(() => getDigest(t.ctx.db, id).status === status, timeoutMs, `digest ${id} to be ${status}`);
      return view(id);
    },
    async waitQueuesIdle(timeoutMs = 20_000) {
      await waitUntil(
        async () => {
          const counts = await Promise.all(
            [t.ctx.queues.compose, t.ctx.queues.send, t.ctx.queues.results].map((q) => q.getJobCounts('waiting', 'delayed', 'active', 'prioritized')),
          );
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        timeoutMs,
        'queues to be idle',
      );
    },
    async close() {
      await workers?.close();
      await owner.close();
      await t.close();
      await smtp.close();
      await ollama.close();
    },
  };
}
