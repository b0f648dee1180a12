/** Why one call to Ollama did not produce an answer. */
export type LlmCallFailure = 'timeout' | 'unreachable' | 'model-not-found' | 'http-error' | 'bad-response';

/** The call itself failed (network, timeout, HTTP status, malformed envelope). */
export class LlmCallError extends Error {
  override name = 'LlmCallError';
  constructor(
    readonly failure: LlmCallFailure,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Why an answer that did arrive was not accepted. */
export type TailoringRejection =
  | 'invalid-json'
  | 'schema'
  | 'no-items'
  | 'too-many-items'
  | 'too-long'
  | 'empty-text'
  | 'unknown-id'
  | 'duplicate-id'
  | 'link'
  | 'markup'
  | 'wrong-language';

/** The model answered, but the answer is untrusted input that failed validation. */
export class TailoringRejectedError extends Error {
  override name = 'TailoringRejectedError';
  constructor(
    readonly reason: TailoringRejection,
    message: string,
  ) {
    super(message);
  }
}

/** LLM_REQUIRED=true and the model could not tailor this profile: the digest must fail, not fall back. */
export class LlmRequiredError extends Error {
  override name = 'LlmRequiredError';
}
