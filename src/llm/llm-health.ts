import type { LlmClient } from './ollama-client.js';

export interface OllamaHealth {
  reachable: boolean;
  modelPresent: boolean;
  version: string | null;
  error: string | null;
}

/** Ollama treats a name without a tag as `:latest`. */
function sameModel(a: string, b: string): boolean {
  const full = (n: string) => (n.includes(':') ? n : `${n}:latest`);
  return full(a) === full(b);
}

/** Asks Ollama for its version and models: used at start to say whether digests will use the LLM. */
export async function checkOllama(client: LlmClient, model: string): Promise<OllamaHealth> {
  let version: string;
  try {
    version = await client.version();
  } catch (err) {
    return { reachable: false, modelPresent: false, version: null, error: (err as Error).message };
  }
  try {
    const names = await client.modelNames();
    return { reachable: true, modelPresent: names.some((n) => sameModel(n, model)), version, error: null };
  } catch (err) {
    return { reachable: true, modelPresent: false, version, error: (err as Error).message };
  }
}

/** The start-up log line for a health result: a warning whenever digests will be composed without the LLM. */
export function describeOllamaHealth(health: OllamaHealth, model: string): { level: 'info' | 'warn'; message: string } {
  if (!health.reachable) return { level: 'warn', message: 'Ollama unreachable: digests will be composed without the LLM' };
  if (!health.modelPresent) {
    return { level: 'warn', message: `Ollama ${health.version} has no model '${model}' (run: ollama pull ${model}): digests will be composed without the LLM` };
  }
  return { level: 'info', message: `Ollama ${health.version} ready with model '${model}'` };
}
