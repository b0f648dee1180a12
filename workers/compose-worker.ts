import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Settings } from '../src/config.js';
import { isDigestCancelled } from '../src/jobs/delivery-guard.js';
import { COMPOSE_QUEUE, composeJobSchema, type ComposeJob, type ResultJob, type SendJob } from '../src/jobs/digest-jobs.js';
import type { LlmClient } from '../src/llm/ollama-client.js';
import { LlmRequiredError, tailorProfile } from '../src/llm/tailor-profile.js';
import type { Logger } from '../src/logger.js';
import { isFinalFailure } from './final-failure.js';
import { type DigestEmailModel, fillDigest, renderDigestProfile } from '../src/mail/digest-email.js';
import type { TemplateCache } from '../src/mail/template-cache.js';

export interface ComposeDeps {
  settings: Settings;
  redis: Redis;
  llm: LlmClient | null;
  templates: TemplateCache;
  send: Queue<SendJob>;
  results: Queue<ResultJob>;
}

/** Builds the email model from the tailoring: titles, links and authors always come from the job's items. */
function emailModel(job: ComposeJob, tailored: Awaited<ReturnType<typeof tailorProfile>>): DigestEmailModel {
  const byId = new Map(job.candidates.map((c) => [c.id, c]));
  const labels = new Map(job.topics.map((t) => [t.slug, t.label]));
  return {
    language: job.language,
    period: job.period,
    intro: tailored.intro,
    composedWith: tailored.composedWith,
    items: tailored.items.flatMap((t) => {
      const item = byId.get(t.id);
      if (!item) return [];
      return [
        {
          id: item.id,
          kind: item.kind,
          title: item.title,
          url: item.url,
          authors: item.authors,
          venue: item.venue,
          doi: item.doi,
          summary: t.summary,
          line: t.line,
          matchedTopics: item.topics.filter((s) => labels.has(s)).map((s) => labels.get(s)!),
          external: item.external,
        },
      ];
    }),
  };
}

/**
 * Composes one profile: one tailoring (LLM or fallback) for all its readers, one render, then a cheap
 * fill per reader. Reports the result to the owner and queues one send job per reader.
 */
export function composeProcessor(deps: ComposeDeps) {
  const { settings } = deps;
  return async (job: Job<ComposeJob>) => {
    const parsed = composeJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid compose job: ${parsed.error.issues[0]?.message}`);
    const data = parsed.data;
    if (await isDigestCancelled(deps.redis, settings.QUEUE_PREFIX, data.digestKey)) return { skipped: 'cancelled' };

    let tailored;
    try {
      tailored = await tailorProfile(
        { client: deps.llm, model: settings.OLLAMA_MODEL, required: settings.LLM_REQUIRED },
        { language: data.language, topics: data.topics, candidates: data.candidates, cachedSummaries: data.cachedSummaries },
      );
    } catch (err) {
      if (!(err instanceof LlmRequiredError)) throw err;
      await deps.results.add(
        'compose-failed',
        { type: 'compose-failed', digestId: data.digestId, profileKey: data.profileKey, error: err.message, llmRequired: true },
        { jobId: `compose-failed-${data.digestId}-${data.profileKey}` },
      );
      throw new UnrecoverableError(err.message);
    }

    const profile = renderDigestProfile(deps.templates, emailModel(data, tailored));
    await deps.results.add(
      'composed',
      {
        type: 'composed',
        digestId: data.digestId,
        profileKey: data.profileKey,
        composedWith: tailored.composedWith,
        llmCalls: tailored.llmCalls,
        llmError: tailored.llmError,
        newSummaries: tailored.newSummaries,
        itemIds: tailored.items.map((i) => i.id),
        profile: {
          language: profile.language,
          subject: profile.subject,
          html: { texts: [...profile.html.texts], slots: [...profile.html.slots] },
          text: { texts: [...profile.text.texts], slots: [...profile.text.slots] },
        },
        readers: data.recipients.map((r) => ({ deliveryId: r.deliveryId, name: r.name, preferencesUrl: r.preferencesUrl, unsubscribeUrl: r.unsubscribeUrl })),
      },
      { jobId: `composed-${data.digestId}-${data.profileKey}` },
    );
    if (!data.dryRun) {
      const emails = data.recipients.map((r) => ({ recipient: r, ...fillDigest(profile, r) }));
      await deps.send.addBulk(
        emails.map((e) => ({
          name: 'send',
          data: {
            digestId: data.digestId,
            digestKey: data.digestKey,
            deliveryId: e.recipient.deliveryId,
            to: e.recipient.email,
            subject: e.subject,
            html: e.html,
            text: e.text,
            messageId: e.recipient.messageId,
            unsubscribeUrl: e.recipient.unsubscribeUrl,
          },
          opts: { jobId: `send-${data.digestId}-${e.recipient.deliveryId}` },
        })),
      );
    }
    return { composedWith: tailored.composedWith, readers: data.recipients.length };
  };
}

/** The compose worker: few at a time, since one local model serves them all. */
export function startComposeWorker(deps: ComposeDeps, logger: Logger): Worker<ComposeJob> {
  const worker = new Worker<ComposeJob>(COMPOSE_QUEUE, composeProcessor(deps), {
    connection: deps.redis,
    prefix: deps.settings.QUEUE_PREFIX,
    concurrency: deps.settings.LLM_CONCURRENCY,
    lockDuration: Math.max(deps.settings.JOB_LOCK_MS, deps.settings.LLM_TIMEOUT_MS + 5000),
    // A worker that dies mid-job leaves it stalled; another worker picks it up after one lock period.
    stalledInterval: deps.settings.JOB_LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => {
    logger.warn({ err: err.message, jobId: job?.id }, 'compose job failed');
    // Out of attempts: the profile's readers are failed rather than left waiting for ever.
    const data = composeJobSchema.safeParse(job?.data);
    if (job && data.success && isFinalFailure(job, err)) {
      const { digestId, profileKey } = data.data;
      void deps.results
        .add('compose-failed', { type: 'compose-failed', digestId, profileKey, error: err.message, llmRequired: false }, { jobId: `compose-failed-${digestId}-${profileKey}` })
        .catch((e: Error) => logger.error({ err: e.message }, 'could not report a failed compose'));
    }
  });
  return worker;
}
