import type { Config } from '../config.js';

/** How long planning waits for Ollama's model list: the digest is planned either way. */
const TAGS_TIMEOUT_MS = 2000;

const fullName = (name: string) => (name.includes(':') ? name : `${name}:latest`);

/**
 * The digest of the configured model as Ollama lists it (`GET /api/tags`), for a digest's provenance:
 * which exact weights wrote the text. Best effort: null when Ollama cannot be reached or has no such model.
 */
export async function readModelDigest(config: Pick<Config, 'OLLAMA_HOST' | 'OLLAMA_MODEL' | 'LLM_TIMEOUT_MS'>): Promise<string | null> {
  try {
    const res = await fetch(new URL('/api/tags', config.OLLAMA_HOST), { signal: AbortSignal.timeout(Math.min(TAGS_TIMEOUT_MS, config.LLM_TIMEOUT_MS)) });
    if (!res.ok) return null;
    const body = (await res.json()) as { models?: Array<{ name?: unknown; model?: unknown; digest?: unknown }> };
    const wanted = fullName(config.OLLAMA_MODEL);
    const found = (body.models ?? []).find((m) => [m.name, m.model].some((n) => typeof n === 'string' && fullName(n) === wanted));
    return typeof found?.digest === 'string' ? found.digest.slice(0, 200) : null;
  } catch {
    return null;
  }
}
