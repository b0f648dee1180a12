import type { ComposedResult, ComposeFailedResult, ComposeJob } from '../jobs/digest-jobs.js';
import type { LlmClient } from '../llm/ollama-client.js';
import { LlmRequiredError, type Tailoring, tailorProfile } from '../llm/tailor-profile.js';
import { renderDigestProfile } from '../mail/digest-email.js';
import { digestEmailModel } from '../mail/digest-email-model.js';
import type { TemplateCache } from '../mail/template-cache.js';

/** What composing needs: the model (null: compose without it), whether it is required, and the compiled templates. */
export interface ComposeProfileDeps {
  llm: LlmClient | null;
  model: string;
  llmRequired: boolean;
  templates: TemplateCache;
}

/**
 * Composes one profile, in a compose worker (no database): one tailoring (model or fallback) for all
 * its readers and one render with the readers' greeting and links left open. The owner fills each reader
 * in and stores the copies. When the model fails and LLM_REQUIRED forbids the fallback, the answer is a
 * 'compose-failed' result that fails the digest.
 */
export async function composeProfile(deps: ComposeProfileDeps, job: ComposeJob): Promise<ComposedResult | ComposeFailedResult> {
  let tailored: Tailoring;
  try {
    tailored = await tailorProfile(
      { client: deps.llm, model: deps.model, required: deps.llmRequired },
      { language: job.language, topics: job.topics, candidates: job.candidates, cachedSummaries: job.cachedSummaries },
    );
  } catch (err) {
    if (!(err instanceof LlmRequiredError)) throw err;
    return { type: 'compose-failed', digestId: job.digestId, profileKey: job.profileKey, error: err.message, llmRequired: true };
  }
  const profile = renderDigestProfile(deps.templates, digestEmailModel(job, tailored));
  return {
    type: 'composed',
    digestId: job.digestId,
    profileKey: job.profileKey,
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
    readers: job.readers,
  };
}
