/** Limits shared by the LLM path and the fallback, so both produce emails of the same size. */
export const MAX_ITEMS_PER_EMAIL = 12;

/**
 * How many ranked candidates the prompt offers the model. A profile can have hundreds of candidates;
 * the context window (num_ctx 8192) cannot, so the model chooses among the best-ranked ones only.
 */
export const MAX_OFFERED_TO_LLM = 24;

/** Longest text the model may write per field; longer answers are rejected, not cut. */
export const TEXT_LIMITS = { intro: 600, why: 300, summary: 500, welcome: 240 } as const;

/** How much of an item's own summary the fallback (and the LLM path, when nothing better exists) shows. */
export const ITEM_SUMMARY_CHARS = 300;

/** How much of an item's own summary the prompt carries: enough to judge it, small enough to fit. */
export const PROMPT_SUMMARY_CHARS = 700;
