import { type Config, configSchema } from '../config.js';

/** What the settings page shows for one setting: its name and a value safe to display. */
export interface SettingView {
  name: string;
  /** The value as text, with secrets masked; null when unset. */
  value: string | null;
  /** True when something was hidden (the whole value, or a password inside a URL). */
  masked: boolean;
}

/** The mask shown in place of a secret; it says a value is there without telling its length. */
export const MASK = '••••••••';

/** Settings that are secrets as a whole. */
const SECRET_NAMES = new Set(['ADMIN_TOKEN', 'SECRET_KEY']);

/** True for a setting whose name says it holds a secret (a token, key or password), not a path to one. */
function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name) || (/(TOKEN|SECRET|PASSWORD|PASS|KEY)$/.test(name) && !name.endsWith('_PATH'));
}

/** A URL with the password of its user part masked (smtp://user:pw@host → smtp://user:••••@host). */
export function maskUrlPassword(value: string): { text: string; masked: boolean } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { text: value, masked: false };
  }
  if (!url.password) return { text: value, masked: false };
  url.password = 'MASKED';
  return { text: url.toString().replace(':MASKED@', `:${MASK}@`), masked: true };
}

/**
 * Every setting of src/config.ts (and the data folder derived from them) with secrets masked: the tokens
 * and keys entirely, passwords inside URLs (SMTP_URL, REDIS_URL, any other) by themselves.
 */
export function settingsView(config: Config): SettingView[] {
  const names = [...Object.keys(configSchema.shape), 'DATA_DIR'];
  const values = config as unknown as Record<string, unknown>;
  return names.map((name) => {
    const raw = values[name];
    if (raw === undefined || raw === null) return { name, value: null, masked: false };
    if (isSecretName(name)) return { name, value: MASK, masked: true };
    const text = String(raw);
    const { text: shown, masked } = maskUrlPassword(text);
    return { name, value: shown, masked };
  });
}

/** The secret values of the configuration: the tokens and keys, and every password inside a URL setting. */
export function secretValues(config: Config): string[] {
  const values = config as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const name of Object.keys(configSchema.shape)) {
    const raw = values[name];
    if (typeof raw !== 'string' || raw === '') continue;
    if (isSecretName(name)) out.push(raw);
    else {
      try {
        const password = new URL(raw).password;
        if (password) out.push(password, decodeURIComponent(password));
      } catch {
        // Not a URL: nothing inside it to hide.
      }
    }
  }
  return [...new Set(out)].filter((s) => s.length >= 3);
}

/** Text that may quote a setting (an error message naming a URL) with every secret value masked. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}
