import { eq } from 'drizzle-orm';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBouncePoll } from '../../src/bounces/bounce-poll.js';
import { type OpenContext, openContext } from '../../src/context.js';
import { bounceEvents, deliveries, subscribers } from '../../src/db/schema.js';
import { planDigest } from '../../src/digests/digest-planner.js';
import { BOUNCE_POLL_QUEUE, BOUNCE_POLL_SCHEDULER_ID } from '../../src/jobs/bounce-jobs.js';
import { startBounceWorker } from '../../src/owner/bounce-reader.js';
import { bounceFixture, FIXTURE_BOUNCE_ADDRESS, FIXTURE_READERS, type FixtureName, seedFixtureDeliveries } from '../helpers/bounce-seed.js';
import { type DovecotServer, startDovecot } from '../helpers/dovecot.js';
import { appendMessages, folderMessages } from '../helpers/imap-client.js';
import { seedItem } from '../helpers/digest-fixtures.js';
import { deletePrefix } from '../helpers/redis-prefix.js';
import { testConfig } from '../helpers/test-config.js';

const ALL_FIXTURES = [...Object.keys(FIXTURE_READERS), 'unrelated.eml'] as Array<FixtureName | 'unrelated.eml'>;

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(() => dovecot?.stop());

let folders = 0;
/** A context of its own for one test: fresh database and queue prefix, its own bounce and processed folders. */
async function rig(env: Record<string, string> = {}) {
  const n = ++folders;
  const folder = `Bounces${n}`;
  const processed = `Processed${n}`;
  const config = testConfig('bounce-mailbox', {
    BOUNCE_ADDRESS: FIXTURE_BOUNCE_ADDRESS,
    BOUNCE_IMAP_URL: dovecot.url(folder),
    BOUNCE_PROCESSED_FOLDER: processed,
    ...env,
  });
  const ctx: OpenContext = await openContext(config);
  return {
    ctx,
    folder,
    processed,
    statusOf: (id: number) => ctx.db.select({ s: subscribers.status }).from(subscribers).where(eq(subscribers.id, id)).get()?.s,
    async close() {
      await ctx.close();
      await deletePrefix(config.QUEUE_PREFIX);
    },
  };
}

describe('reading the bounce mailbox (Dovecot over IMAP)', () => {
  it('applies every bounce and complaint, moves them to the processed folder, and leaves the rest in the inbox', async () => {
    const r = await rig();
    try {
      const readers = seedFixtureDeliveries(r.ctx.db);
      await appendMessages(dovecot, r.folder, ALL_FIXTURES.map(bounceFixture));

      const summary = await runBouncePoll(r.ctx);
      expect(summary).toEqual({ seen: 11, applied: 9, duplicates: 0, moved: 9, left: 2, more: false });

      const want: Record<FixtureName, string> = {
        'postfix-hard.eml': 'bounced',
        'postfix-delayed.eml': 'active',
        'exim-hard.eml': 'bounced',
        'microsoft-ndr.eml': 'bounced',
        'gmail-hard.eml': 'bounced',
        'gmail-delayed.eml': 'active',
        'yahoo-arf.eml': 'complained',
        'microsoft-jmrp.eml': 'complained',
        'mangled.eml': 'bounced',
        'auto-reply.eml': 'active',
      };
      for (const [name, status] of Object.entries(want) as Array<[FixtureName, string]>) expect(r.statusOf(readers[name]), name).toBe(status);

      const events = r.ctx.db.select().from(bounceEvents).all();
      expect(events.map((e) => [e.deliveryId, e.kind, e.matchedBy]).sort()).toEqual(
        [
          [101, 'hard-bounce', 'verp'],
          [102, 'soft-bounce', 'verp'],
          [103, 'hard-bounce', 'message-id'],
          [104, 'hard-bounce', 'message-id'],
          [105, 'hard-bounce', 'verp'],
          [106, 'soft-bounce', 'verp'],
          [107, 'complaint', 'verp'],
          [108, 'complaint', 'message-id'],
          [109, 'hard-bounce', 'verp'],
        ].sort(),
      );
      expect(events.every((e) => e.source === 'mailbox' && e.subscriberId !== null && e.messageId !== null)).toBe(true);

      const inbox = await folderMessages(dovecot, r.folder);
      expect(inbox.map((m) => m.subject)).toEqual([
        'Fuera de la oficina: Example Research Lab: your digest for October 2026',
        'Question about your October digest',
      ]);
      // Read with BODY.PEEK: what is left for a person is still unread.
      expect(inbox.every((m) => !m.seen)).toBe(true);
      const processed = await folderMessages(dovecot, r.processed);
      expect(processed).toHaveLength(9);
      expect(processed.map((m) => m.subject)).toContain('Undelivered Mail Returned to Sender');

      // The next run starts after the messages already looked at.
      expect(await runBouncePoll(r.ctx)).toEqual({ seen: 0, applied: 0, duplicates: 0, moved: 0, left: 0, more: false });

      // The next digest goes only to the readers still active.
      seedItem(r.ctx.db, { title: 'November news', date: '2026-11-05', topics: [] });
      const { digest } = planDigest(r.ctx.db, r.ctx.config, { period: '2026-11' }, new Date('2026-12-01T09:00:00Z'));
      const next = r.ctx.db.select({ email: deliveries.email }).from(deliveries).where(eq(deliveries.digestId, digest.id)).all();
      expect(next.map((d) => d.email).sort()).toEqual(['away@uni-example.edu', 'full@uni-example.edu', 'fullreader@gmail.com']);
    } finally {
      await r.close();
    }
  }, 30_000);

  it('reads at most BOUNCE_POLL_MAX_MESSAGES per run and the next run goes on from there', async () => {
    const r = await rig({ BOUNCE_POLL_MAX_MESSAGES: '2' });
    try {
      const readers = seedFixtureDeliveries(r.ctx.db);
      await appendMessages(dovecot, r.folder, ['unrelated.eml', 'postfix-hard.eml', 'yahoo-arf.eml'].map(bounceFixture));
      expect(await runBouncePoll(r.ctx)).toMatchObject({ seen: 2, moved: 1, left: 1, more: true });
      expect(r.statusOf(readers['yahoo-arf.eml'])).toBe('active');
      expect(await runBouncePoll(r.ctx)).toMatchObject({ seen: 1, moved: 1, more: false });
      expect(r.statusOf(readers['yahoo-arf.eml'])).toBe('complained');
    } finally {
      await r.close();
    }
  }, 30_000);

  it('leaves a message over the size limit unread in the inbox, and a bounce about nobody on file too', async () => {
    const r = await rig();
    try {
      const huge = `${bounceFixture('postfix-hard.eml').toString('utf8')}\n${'x'.repeat(76).concat('\n').repeat(28_000)}`;
      await appendMessages(dovecot, r.folder, [huge, bounceFixture('gmail-hard.eml')]);
      expect(await runBouncePoll(r.ctx)).toMatchObject({ seen: 2, applied: 0, moved: 0, left: 2 });
      expect(await folderMessages(dovecot, r.folder)).toHaveLength(2);
      expect((await folderMessages(dovecot, r.folder)).every((m) => !m.seen)).toBe(true);
    } finally {
      await r.close();
    }
  }, 30_000);

  it('a message read again after a lost move is recorded once and then moved', async () => {
    const r = await rig();
    try {
      const readers = seedFixtureDeliveries(r.ctx.db);
      await appendMessages(dovecot, r.folder, [bounceFixture('mangled.eml')]);
      expect(await runBouncePoll(r.ctx)).toMatchObject({ applied: 1, moved: 1 });
      // The same bounce arrives again (or the cursor was lost): it has no Message-ID, its bytes tell it apart.
      await appendMessages(dovecot, r.folder, [bounceFixture('mangled.eml')]);
      expect(await runBouncePoll(r.ctx)).toMatchObject({ applied: 0, duplicates: 1, moved: 1 });
      expect(r.ctx.db.select().from(bounceEvents).where(eq(bounceEvents.subscriberId, readers['mangled.eml'])).all()).toHaveLength(1);
    } finally {
      await r.close();
    }
  }, 30_000);
});

describe('the bounce-poll job', () => {
  it('is scheduled every BOUNCE_POLL_MINUTES and runs the poll in the owner process', async () => {
    const r = await rig({ BOUNCE_POLL_MINUTES: '7' });
    const readers = seedFixtureDeliveries(r.ctx.db);
    await appendMessages(dovecot, r.folder, [bounceFixture('postfix-hard.eml')]);
    const worker = await startBounceWorker(r.ctx, r.ctx.logger);
    const events = new QueueEvents(BOUNCE_POLL_QUEUE, { connection: { url: r.ctx.config.REDIS_URL }, prefix: r.ctx.config.QUEUE_PREFIX });
    try {
      const scheduler = await worker.queue.getJobScheduler(BOUNCE_POLL_SCHEDULER_ID);
      expect(scheduler?.every).toBe(7 * 60_000);
      await events.waitUntilReady();
      // One job at a time: when this one is done, the scheduler's first run (if it came first) is done too.
      const job = await worker.queue.add('poll', { source: 'once' });
      await job.waitUntilFinished(events, 20_000);
      const runs = (await worker.queue.getJobs(['completed'])).map((j) => j.returnvalue as { moved: number });
      expect(runs.reduce((sum, run) => sum + run.moved, 0)).toBe(1);
      expect(r.statusOf(readers['postfix-hard.eml'])).toBe('bounced');
      expect(await folderMessages(dovecot, r.folder)).toEqual([]);
      expect(await folderMessages(dovecot, r.processed)).toHaveLength(1);
    } finally {
      await events.close();
      await worker.close();
      await r.close();
    }
  }, 30_000);

  it('without BOUNCE_IMAP_URL there is no schedule and nothing is read', async () => {
    const r = await rig({ BOUNCE_POLL_MINUTES: '3' });
    const first = await startBounceWorker(r.ctx, r.ctx.logger);
    expect(await first.queue.getJobScheduler(BOUNCE_POLL_SCHEDULER_ID)).toBeTruthy();
    await first.close();
    const off = { ...r.ctx, config: { ...r.ctx.config, BOUNCE_IMAP_URL: undefined } };
    const second = await startBounceWorker(off, r.ctx.logger);
    try {
      expect(await second.queue.getJobScheduler(BOUNCE_POLL_SCHEDULER_ID)).toBeFalsy();
      expect(await runBouncePoll(off)).toBeNull();
    } finally {
      await second.close();
      await r.close();
    }
  }, 30_000);
});
