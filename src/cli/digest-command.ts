import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { getDigest } from '../digests/digest-repository.js';
import { triggerDigest } from '../digests/digest-service.js';
import { digestView } from '../digests/digest-view.js';
import type { DigestView } from '../digests/digest-schema.js';
import { periodOf } from '../digests/period.js';
import { InvalidInputError } from '../errors.js';
import { ownerHeartbeatKey } from '../owner/owner-heartbeat.js';
import { startOwnerParts } from '../owner/owner-parts.js';
import { openCliContext } from './cli-context.js';
import { named, type CliCommand } from './command.js';
import { isFinalDigest } from '../digests/digest-statuses.js';
import { createProgressBar } from './progress-bar.js';

/** The summary a finished (or inspected) digest prints. */
export function describeDigest(v: DigestView): string {
  const c = v.counts;
  return [
    `Digest ${v.id} (${v.period}${v.dryRun ? ', dry run' : ''}): ${v.status}`,
    `  window     ${v.windowStart} → ${v.windowEnd}`,
    `  items      ${c.items} new; ${c.profiles} reader profiles; model ${v.model ?? '-'} (${c.llmCalls} model calls)`,
    `  readers    ${c.planned} planned, ${c.skipped} skipped (nothing new for them)`,
    `  composed   ${c.composedWithLlm} with the model, ${c.composedWithoutLlm} without it`,
    `  delivery   ${c.sent} sent, ${c.failed} failed, ${c.cancelled} cancelled, ${c.waiting} waiting`,
    ...(v.error ? [`  error      ${v.error}`] : []),
  ].join('\n');
}

async function waitForDigest(ctx: AppContext, id: number): Promise<DigestView> {
  const bar = createProgressBar();
  for (;;) {
    const view = digestView(ctx.db, getDigest(ctx.db, id));
    const c = view.counts;
    const done = view.dryRun ? c.composedWithLlm + c.composedWithoutLlm : c.sent + c.failed + c.cancelled;
    bar.update(done, c.planned, view.dryRun ? `composed (${view.status})` : `sent or settled (${view.status})`);
    if (isFinalDigest(view.status)) {
      bar.end();
      return view;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `labdigest digest send [--period YYYY-MM] [--dry-run] [--wait]` */
export const digestSendCommand: CliCommand = {
  usage: 'digest send [--period YYYY-MM] [--dry-run] [--wait]',
  summary: 'plan and send the digest for a month (default: this month)',
  ...named('digest', 'send'),
  async run(args, runtime) {
    const { values } = parseArgs({ args, options: { period: { type: 'string' }, 'dry-run': { type: 'boolean' }, wait: { type: 'boolean' } } });
    const ctx = await openCliContext();
    const stops: Array<() => Promise<void>> = [];
    try {
      const { digest, created } = await triggerDigest(ctx, { period: values.period ?? periodOf(new Date()), dryRun: values['dry-run'] ?? false });
      console.log(
        `${created ? 'Planned' : 'Found existing'} digest ${digest.id} for ${digest.period}: ${digest.plannedCount} readers, ${digest.skippedCount} skipped, ${digest.itemCount} items.`,
      );
      const serverRunning = (await ctx.redis.exists(ownerHeartbeatKey(ctx.config.QUEUE_PREFIX))) === 1;
      if (!values.wait) {
        if (!serverRunning) console.log('No labdigest server is running: the digest goes out once `npm start` runs (or run this with --wait).');
        console.log(`Follow it with: labdigest digest status ${digest.id}`);
        return 0;
      }
      if (!serverRunning) {
        // Nothing is running to compose, send and record: do it here until the digest is done.
        console.log('No labdigest server is running; composing and sending from this process.');
        // Each part is on the list as soon as it runs, so a failure to start the next still stops it.
        const owner = await startOwnerParts(ctx, ctx.logger);
        stops.unshift(() => owner.close());
        const workers = await runtime.startWorkers(ctx.config, ctx.logger);
        stops.unshift(() => workers.close());
      }
      const view = await waitForDigest(ctx, digest.id);
      console.log(describeDigest(view));
      return view.status === 'sent' && view.counts.failed === 0 ? 0 : 1;
    } finally {
      for (const stop of stops) await stop();
      await ctx.close();
    }
  },
};

/** `labdigest digest status <id>` */
export const digestStatusCommand: CliCommand = {
  usage: 'digest status <id>',
  summary: 'show a digest and its counts',
  ...named('digest', 'status'),
  async run(args) {
    const id = Number(args[0]);
    if (!Number.isInteger(id) || id <= 0) throw new InvalidInputError('Usage: labdigest digest status <id> (a digest number)');
    const ctx = await openCliContext({ requireRedis: false });
    try {
      const view = digestView(ctx.db, getDigest(ctx.db, id));
      console.log(describeDigest(view));
      return view.status === 'failed' ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};
