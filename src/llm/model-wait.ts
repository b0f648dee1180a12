import type { Settings } from '../config.js';

/**
 * The longest one compose job may wait for the model in a worker: one LLM_TIMEOUT_MS for each call it may
 * queue behind in Ollama, itself included (src/llm/ollama-client.ts gives a call that budget). What a
 * compose job's lock and a worker's graceful stop must outlast.
 */
export function longestModelWaitMs(settings: Pick<Settings, 'LLM_TIMEOUT_MS' | 'LLM_CONCURRENCY'>): number {
  return settings.LLM_TIMEOUT_MS * settings.LLM_CONCURRENCY;
}
