import type { AppContext } from '../context.js';
import { giveUpOnRelay, pauseForRelay, relayPausedDigests, resumeAfterRelay } from '../digests/relay-pause.js';
import type { RelayDownResult } from '../jobs/digest-jobs.js';
import type { Logger } from '../logger.js';
import { probeRelay, type RelayProbe } from '../mail/relay-probe.js';

/** The owner's side of a relay outage: it pauses the digests, asks the relay with backoff, resumes them. */
export interface RelayWatch {
  /** A send worker found the relay away: pause the digest (if it was sending) and start asking. */
  relayDown(result: RelayDownResult): Promise<void>;
  /** A send went through: the next outage starts its backoff and its horizon afresh. */
  relayAnswered(): void;
  close(): Promise<void>;
}

/**
 * Watches the relay while it keeps digests paused: asks it (probe, a Nodemailer verify() by default)
 * after SMTP_PROBE_INITIAL_MS, doubling up to SMTP_PROBE_MAX_MS; when it answers, every digest it paused
 * resumes; after SMTP_RETRY_HORIZON_HOURS without it, they stay paused for an editor. The outage's
 * start survives a resume that the relay turns away again, so the horizon counts from the first failure.
 * Pauses found at start (a restarted owner) are watched as well.
 */
export async function startRelayWatch(
  ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'redis'>,
  logger: Logger,
  probe: () => Promise<RelayProbe> = () => probeRelay(ctx.config),
): Promise<RelayWatch> {
  const { config } = ctx;
  const horizonMs = config.SMTP_RETRY_HORIZON_HOURS * 3_600_000;
  const initialMs = Math.min(config.SMTP_PROBE_INITIAL_MS, config.SMTP_PROBE_MAX_MS);
  let outage: { since: Date; delayMs: number; error: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  // A report from before the last resume is old news: the relay answered since.
  let lastResumeAt = 0;

  const schedule = (ms: number) => {
    if (closed || timer || running) return;
    timer = setTimeout(() => {
      timer = null;
      running = check()
        .catch((err: Error) => logger.error({ err: err.message }, 'relay watch: could not check the relay'))
        .finally(() => {
          running = null;
          void followUp();
        });
    }, ms);
  };

  // Whatever the check did, a digest the relay still keeps paused (or paused again meanwhile) is asked for again.
  const followUp = async () => {
    const paused = await relayPausedDigests(ctx).catch(() => []);
    if (paused.length === 0 || closed) return;
    const now = Date.now();
    const untilHorizon = Math.min(...paused.map((p) => p.since.getTime() + horizonMs - now));
    schedule(Math.max(0, Math.min(outage?.delayMs ?? initialMs, untilHorizon)));
  };

  const check = async () => {
    const paused = await relayPausedDigests(ctx);
    if (paused.length === 0) return;
    const since = new Date(Math.min(...paused.map((p) => p.since.getTime())));
    outage ??= { since, delayMs: initialMs, error: 'no answer' };
    const current = outage;
    const answer = await probe();
    // Answering or not, the next question waits longer: a relay that greets but refuses mail is not hammered.
    current.delayMs = Math.min(current.delayMs * 2, config.SMTP_PROBE_MAX_MS);
    if (answer.ok) {
      lastResumeAt = Date.now();
      for (const { digest } of paused) {
        if (await resumeAfterRelay(ctx, digest)) logger.info({ digestId: digest.id }, 'the mail relay answers again: digest resumed');
      }
      return;
    }
    current.error = answer.error;
    const now = Date.now();
    for (const { digest, since: pausedSince } of paused) {
      if (now - pausedSince.getTime() < horizonMs) continue;
      if (await giveUpOnRelay(ctx, digest, answer.error, pausedSince)) {
        logger.error({ digestId: digest.id, since: pausedSince.toISOString() }, 'gave up waiting for the mail relay: the digest stays paused');
      }
    }
  };

  const watch: RelayWatch = {
    async relayDown(result) {
      const at = new Date(result.at);
      if (at.getTime() < lastResumeAt) return;
      const since = outage?.since ?? at;
      if (!outage) outage = { since, delayMs: initialMs, error: result.error };
      outage.error = result.error;
      if (await pauseForRelay(ctx, result.digestId, result.error, since)) {
        logger.warn({ digestId: result.digestId, err: result.error, since: since.toISOString() }, 'the mail relay did not answer: digest paused');
        // A relay that greets the probe but refuses every email keeps this up: the horizon still ends it.
        if (Date.now() - since.getTime() >= horizonMs) {
          const paused = (await relayPausedDigests(ctx)).find((p) => p.digest.id === result.digestId);
          if (paused) await giveUpOnRelay(ctx, paused.digest, result.error, paused.since);
        }
      }
      await followUp();
    },
    relayAnswered() {
      if (!timer && !running) outage = null;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
  await followUp();
  return watch;
}
