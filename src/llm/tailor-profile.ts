import type { Language } from '../i18n/languages.js';
import type { CandidateItem, TeamMember } from '../jobs/digest-jobs.js';
import { composeFallback, fallbackWelcome, ownSummary, rankCandidates } from './fallback-composer.js';
import { MAX_OFFERED_TO_LLM } from './limits.js';
import { LlmRequiredError } from './llm-errors.js';
import type { LlmClient } from './ollama-client.js';
import { buildTailoringMessages } from './tailoring-prompt.js';
import { tailoringJsonSchema } from './tailoring-schema.js';
import { validateTailoring, type ValidTailoring } from './validate-tailoring.js';

export { LlmRequiredError } from './llm-errors.js';

/** The tailored text of one profile's email; titles, links and authors come from the candidates, not from here. */
export interface Tailoring {
  intro: string;
  /** `summaryFrom`: 'model' when the model wrote the summary (now or cached), 'item' for the item's own. */
  items: Array<{ id: number; summary: string; line: string; summaryFrom?: 'model' | 'item' }>;
  /** One welcome line per new team member, in their order; `from`: who wrote it (absent: as `composedWith`). */
  welcome?: Array<{ id: number; line: string; from?: 'model' | 'fallback' }>;
  composedWith: 'llm' | 'fallback';
  /** The items offered (to the model, or ranked by the fallback), best first: what the text may draw on. */
  offeredIds?: number[];
  /** The model's answer exactly as it came, for provenance; null when no answer arrived. */
  rawAnswer?: string | null;
  llmCalls: number;
  llmError: string | null;
  /** Summaries the model wrote this time, by item id, for the owner to cache under summaryCacheKey. */
  newSummaries: Record<string, string>;
}

export interface TailorDeps {
  /** null when no model is configured or it is known to be down: compose without it. */
  client: LlmClient | null;
  model: string;
  /** LLM_REQUIRED: a failure throws LlmRequiredError instead of falling back. */
  required: boolean;
}

export interface TailorInput {
  language: Language;
  topics: Array<{ slug: string; label: string }>;
  candidates: CandidateItem[];
  /** Cached summaries in this language for this model, by item id. */
  cachedSummaries: Record<string, string>;
  /** Who joined the team since the last digest: each gets a welcome line. */
  people?: readonly TeamMember[];
  /** The lab's time zone, in which the prompt gives event times. */
  timeZone?: string;
}

/**
 * Tailors one profile's email with exactly one model call (the job system retries, not this), and falls
 * back to the deterministic composer on any failure unless the LLM is required.
 */
export async function tailorProfile(deps: TailorDeps, input: TailorInput): Promise<Tailoring> {
  const offered = rankCandidates(
    input.candidates,
    input.topics.map((t) => t.slug),
  ).slice(0, MAX_OFFERED_TO_LLM);
  if (!deps.client) return fallback(deps, input, 0, 'no LLM client configured');

  const cachedIds = new Set(offered.filter((item) => input.cachedSummaries[String(item.id)] !== undefined).map((item) => item.id));
  let answer: ValidTailoring;
  let raw: string | null = null;
  try {
    raw = await deps.client.chatJson({
      model: deps.model,
      messages: buildTailoringMessages({
        language: input.language,
        topics: input.topics,
        candidates: offered,
        cachedSummaryIds: cachedIds,
        people: input.people,
        timeZone: input.timeZone,
      }),
      format: tailoringJsonSchema(),
    });
    answer = validateTailoring(raw, {
      language: input.language,
      offeredIds: offered.map((item) => item.id),
      quotable: [...offered.flatMap((item) => [item.title, item.venue ?? '']), ...(input.people ?? []).flatMap((p) => [p.name, p.role ?? ''])],
      peopleIds: (input.people ?? []).map((p) => p.id),
    });
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ...fallback(deps, input, 1, reason), rawAnswer: raw };
  }

  const byId = new Map(offered.map((item) => [item.id, item]));
  const newSummaries: Record<string, string> = {};
  const items = answer.items.map(({ id, summary, why }) => {
    const cached = input.cachedSummaries[String(id)];
    if (cached === undefined && summary !== undefined) newSummaries[String(id)] = summary;
    const written = cached ?? summary;
    return { id, summary: written ?? ownSummary(byId.get(id)!), line: why, summaryFrom: written === undefined ? ('item' as const) : ('model' as const) };
  });
  const offeredIds = offered.map((item) => item.id);
  // A member the model left out still gets a line: the fixed phrase from their role.
  const written = new Map((answer.welcome ?? []).map((w) => [w.id, w.line]));
  const welcome = (input.people ?? []).map((person) => {
    const line = written.get(person.id);
    return line === undefined
      ? { id: person.id, line: fallbackWelcome(input.language, person), from: 'fallback' as const }
      : { id: person.id, line, from: 'model' as const };
  });
  return { intro: answer.intro, items, welcome, composedWith: 'llm', llmCalls: 1, llmError: null, newSummaries, offeredIds, rawAnswer: raw };
}

function fallback(deps: TailorDeps, input: TailorInput, llmCalls: number, llmError: string): Tailoring {
  if (deps.required) throw new LlmRequiredError(`LLM_REQUIRED is set and the model could not tailor this profile: ${llmError}`);
  const composed = composeFallback(input);
  return {
    intro: composed.intro,
    items: composed.items.map((item) => ({ ...item, summaryFrom: 'item' as const })),
    welcome: composed.welcome.map((w) => ({ ...w, from: 'fallback' as const })),
    composedWith: 'fallback',
    llmCalls,
    llmError,
    newSummaries: {},
    offeredIds: composed.items.map((item) => item.id),
    rawAnswer: null,
  };
}
