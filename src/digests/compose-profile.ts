import { createHash } from 'node:crypto';
import type { CandidateItem, ComposedResult, ComposeFailedResult, ComposeJob } from '../jobs/digest-jobs.js';
import { RAW_ANSWER_MAX } from '../jobs/digest-jobs.js';
import type { LlmClient } from '../llm/ollama-client.js';
import { LlmRequiredError, type Tailoring, tailorProfile } from '../llm/tailor-profile.js';
import { PROMPT_VERSION, promptItem } from '../llm/tailoring-prompt.js';
import { renderDigestProfile } from '../mail/digest-email.js';
import { emailModelOfText } from '../mail/digest-email-model.js';
import type { TemplateCache } from '../mail/template-cache.js';
import { buildProfileText, type ProfileGrounds, replaceFlaggedLines } from '../review/profile-text-build.js';

/** What composing needs: the model (null: compose without it), whether it is required, the compiled templates and the lab's name. */
export interface ComposeProfileDeps {
  llm: LlmClient | null;
  model: string;
  llmRequired: boolean;
  templates: TemplateCache;
  /** ORG_NAME, when the job does not carry it: the grounding check accepts the lab's own name. */
  orgName?: string;
}

/** A hash of an item exactly as the prompt carried it: provenance can tell whether the item changed since. */
export function itemHash(item: CandidateItem, timeZone?: string): string {
  return createHash('sha256')
    .update(JSON.stringify(promptItem(item, timeZone)))
    .digest('hex');
}

/**
 * Composes one profile, in a compose worker (no database): one tailoring (model or fallback) for all
 * its readers, its text checked line by line against what the model was given (grounding), flagged
 * lines replaced when no editor will review them, and one render with the readers' greeting and links
 * left open. The owner fills each reader in and stores the copies. When the model fails and
 * LLM_REQUIRED forbids the fallback, the answer is a 'compose-failed' result that fails the digest.
 */
export async function composeProfile(deps: ComposeProfileDeps, job: ComposeJob): Promise<ComposedResult | ComposeFailedResult> {
  let tailored: Tailoring;
  try {
    tailored = await tailorProfile(
      { client: deps.llm, model: deps.model, required: deps.llmRequired },
      {
        language: job.language,
        topics: job.topics,
        candidates: job.candidates,
        cachedSummaries: job.cachedSummaries,
        people: job.people,
        timeZone: job.timeZone,
      },
    );
  } catch (err) {
    if (!(err instanceof LlmRequiredError)) throw err;
    return {
      type: 'compose-failed',
      digestId: job.digestId,
      profileKey: job.profileKey,
      error: err.message,
      llmRequired: true,
      ...(job.revision ? { revision: job.revision } : {}),
    };
  }
  const offeredIds = new Set(tailored.offeredIds ?? job.candidates.map((c) => c.id));
  const offered = job.candidates.filter((c) => offeredIds.has(c.id));
  const grounds: ProfileGrounds = {
    language: job.language,
    topics: job.topics,
    candidates: offered,
    orgName: job.orgName ?? deps.orgName ?? '',
    people: job.people,
    timeZone: job.timeZone,
  };
  let text = buildProfileText(tailored, grounds);
  let replaced = 0;
  if (job.replaceFlagged ?? true) ({ text, replaced } = replaceFlaggedLines(text, grounds));
  const profile = renderDigestProfile(deps.templates, emailModelOfText(job, text, tailored.composedWith));
  return {
    type: 'composed',
    digestId: job.digestId,
    profileKey: job.profileKey,
    composedWith: tailored.composedWith,
    llmCalls: tailored.llmCalls,
    llmError: tailored.llmError,
    newSummaries: tailored.newSummaries,
    itemIds: text.items.map((i) => i.id),
    profile: {
      language: profile.language,
      subject: profile.subject,
      html: { texts: [...profile.html.texts], slots: [...profile.html.slots] },
      text: { texts: [...profile.text.texts], slots: [...profile.text.slots] },
    },
    text,
    rawAnswer: tailored.rawAnswer == null ? null : tailored.rawAnswer.slice(0, RAW_ANSWER_MAX),
    promptVersion: PROMPT_VERSION,
    itemHashes: Object.fromEntries(offered.map((item) => [String(item.id), itemHash(item, job.timeZone)])),
    groundingReplaced: replaced,
    ...(job.revision ? { revision: job.revision } : {}),
  };
}
