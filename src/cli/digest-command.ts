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
import type { ProfileLine } from '../review/profile-text.js';
import type { ProfileReview } from '../review/review-schema.js';
import { approveDigest, listProfiles } from '../review/review-service.js';
import { digestConsoleUrl } from '../review/review-notice.js';

/** The summary a finished (or inspected) digest prints. */
export function describeDigest(v: DigestView): string {
  const c = v.counts;
  return [
    `Digest ${v.id} (${v.period}${v.dryRun ? ', dry run' : ''}): ${v.status}`,
    `  window     ${v.windowStart} → ${v.windowEnd}`,
    `  items      ${c.items} new; ${c.profiles} reader profiles; model ${v.model ?? '-'} (${c.llmCalls} model calls)`,
    `  readers    ${c.planned} planned, ${c.skipped} skipped (nothing new for them)`,
    `  composed   ${c.profilesWithLlm} profiles (${c.composedWithLlm} emails) with the model, ${c.profilesWithoutLlm} (${c.composedWithoutLlm}) without it`,
    `  delivery   ${c.sent} sent, ${c.failed} failed, ${c.cancelled} cancelled, ${c.waiting} waiting`,
    ...(v.reviewRequired
      ? [
          `  review     ${v.approvedBy ? `approved by ${v.approvedBy} at ${v.approvedAt}` : 'waiting for approval'}; ${v.groundingReplaced} flagged lines replaced`,
        ]
      : []),
    ...(v.error ? [`  error      ${v.error}`] : []),
  ].join('\n');
}

/** Waits until the digest is final, or in review (an editor must act; waiting longer would wait for ever). */
async function waitForDigest(ctx: AppContext, id: number): Promise<DigestView> {
  const bar = createProgressBar();
  for (;;) {
    const view = digestView(ctx.db, getDigest(ctx.db, id));
    const c = view.counts;
    const done = view.dryRun ? c.composedWithLlm + c.composedWithoutLlm : c.sent + c.failed + c.cancelled;
    bar.update(done, c.planned, view.dryRun ? `composed (${view.status})` : `sent or settled (${view.status})`);
    if (isFinalDigest(view.status) || view.status === 'review') {
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
      if (view.status === 'review') {
        console.log(`Review and approve it at ${digestConsoleUrl(ctx.config.PUBLIC_URL, view.id)}`);
        console.log(`(or in the terminal: labdigest digest review ${view.id}, then labdigest digest approve ${view.id})`);
        return 0;
      }
      return view.status === 'sent' && view.counts.failed === 0 ? 0 : 1;
    } finally {
      for (const stop of stops) await stop();
      await ctx.close();
    }
  },
};

function digestIdArg(args: string[], usage: string): number {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidInputError(`Usage: labdigest ${usage} (a digest number)`);
  return id;
}

const FLAG = '⚑';

/** One line of a profile for the terminal: its text, then its flags (or that it was kept on purpose). */
function describeLine(label: string, line: ProfileLine): string[] {
  const out = [`  ${label} [${line.origin}] ${line.text || '(none)'}`];
  if (line.findings.length) {
    const words = line.findings.map((f) => `${f.kind} "${f.text}"`).join(', ');
    out.push(`    ${line.kept ? 'kept despite' : `${FLAG} not found in the sources:`} ${words}`);
  }
  return out;
}

/** A profile as `digest review` prints it. */
export function describeProfile(p: ProfileReview): string {
  const topics = p.topics.length ? p.topics.map((t) => t.label).join(', ') : 'all topics';
  const lines = [
    `Profile ${p.id} · ${p.language} · ${topics} · ${p.readerCount} reader${p.readerCount === 1 ? '' : 's'} · ${p.composedWith ?? 'not composed'} · ${p.flagged} flagged`,
  ];
  if (p.intro) lines.push(...describeLine('intro', p.intro));
  for (const item of p.items) {
    lines.push(`  - ${item.title} (item ${item.id})`);
    lines.push(...describeLine('  summary', item.summary));
    if (item.line.text || item.line.findings.length) lines.push(...describeLine('  line', item.line));
  }
  for (const person of p.people ?? []) {
    lines.push(`  - ${person.name} (new in the team, person ${person.id})`);
    lines.push(...describeLine('  welcome', person.line));
  }
  return lines.join('\n');
}

/** `labdigest digest review <id>` */
export const digestReviewCommand: CliCommand = {
  usage: 'digest review <id>',
  summary: "print each profile's text and the checks' flags",
  ...named('digest', 'review'),
  async run(args) {
    const id = digestIdArg(args, 'digest review <id>');
    const ctx = await openCliContext({ requireRedis: false });
    try {
      const view = digestView(ctx.db, getDigest(ctx.db, id));
      const profiles = listProfiles(ctx, id);
      console.log(
        `Digest ${view.id} (${view.period}): ${view.status}; ${profiles.length} profiles, ${profiles.reduce((n, p) => n + p.flagged, 0)} lines flagged`,
      );
      for (const profile of profiles) console.log(`\n${describeProfile(profile)}`);
      if (view.status === 'review')
        console.log(`\nApprove with: labdigest digest approve ${id} (flagged lines nobody edited or kept are replaced by the items' own text)`);
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

/** `labdigest digest approve <id>` */
export const digestApproveCommand: CliCommand = {
  usage: 'digest approve <id>',
  summary: 'approve a digest in review and start sending it',
  ...named('digest', 'approve'),
  async run(args) {
    const id = digestIdArg(args, 'digest approve <id>');
    const ctx = await openCliContext();
    try {
      const digest = await approveDigest(ctx, id, 'cli');
      const view = digestView(ctx.db, digest);
      console.log(`Approved digest ${id}: ${view.status}; ${view.groundingReplaced} flagged lines replaced by the items' own text.`);
      const serverRunning = (await ctx.redis.exists(ownerHeartbeatKey(ctx.config.QUEUE_PREFIX))) === 1;
      if (!serverRunning) console.log('No labdigest server is running: the emails go out once `npm start` runs.');
      return 0;
    } finally {
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
    const id = digestIdArg(args, 'digest status <id>');
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
