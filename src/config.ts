import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ensureOwnerDirSync, writeOwnerFileSync } from './owner-only.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  );

/** True for a time zone name the runtime knows (Intl carries the IANA database, so no library is needed). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting labdigest reads, with its default. The one place that knows about environment variables. */
export const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  /** Unset: http://localhost:$PORT, so `PORT=3456 npm start` mails links that work. */
  PUBLIC_URL: url(['http', 'https'])
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines on a terminal, JSON otherwise (files, journald, docker logs). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  DATABASE_PATH: z.string().min(1).default('./data/labdigest.db'),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('labdigest'),
  OLLAMA_HOST: url(['http', 'https']).default('http://127.0.0.1:11434'),
  OLLAMA_MODEL: z.string().min(1).default('llama3'),
  LLM_TIMEOUT_MS: int(100, 3_600_000).default(60_000),
  LLM_REQUIRED: bool.default(false),
  /** Compose jobs (model calls) at once per worker process; a call waiting behind others gets one LLM_TIMEOUT_MS for each. */
  LLM_CONCURRENCY: int(1, 64).default(2),
  /** A worker process composes in a thread of its own, so composing (checks, rendering) runs on another core than sending. */
  COMPOSE_THREAD: bool.default(true),
  /** A composed digest waits in `review` for an admin's approval before anything is sent. */
  REVIEW_REQUIRED: bool.default(true),
  /** A console session ends after this long without a request, and in any case after SESSION_MAX_HOURS. */
  SESSION_IDLE_MINUTES: int(1, 10_080).default(120),
  SESSION_MAX_HOURS: int(1, 8_760).default(168),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  OUTBOX_DIR: z.string().min(1).default('./outbox'),
  MAIL_FROM: z.string().min(3).default('Lab Digest <digest@example.org>'),
  MAIL_TRANSACTIONAL_FROM: z.string().min(3).default('Lab Digest <no-reply@example.org>'),
  ORG_NAME: z.string().min(1).default('Example Research Lab'),
  ORG_POSTAL_ADDRESS: z.string().min(1).default('1 University Avenue, 00000 City, Country'),
  CONTACT_EMAIL: z.email().default('lab@example.org'),
  UNSUBSCRIBE_MAILTO: z.email().optional(),
  SEND_RATE_PER_SEC: int(1, 10_000).default(50),
  JOB_LOCK_MS: int(1000, 3_600_000).default(30_000),
  SMTP_POOL_SIZE: int(1, 100).default(5),
  /** Readers per send job: one queue round trip, one Redis check and one result per batch instead of per email. */
  SEND_BATCH_SIZE: int(1, 200).default(50),
  /** While the relay is away a digest waits paused; after this long without it, it stays paused for an editor. */
  SMTP_RETRY_HORIZON_HOURS: z.coerce.number().positive().max(8_760).default(24),
  /** How often the owner asks a relay that is away whether it is back: from the first delay, doubling up to the max. */
  SMTP_PROBE_INITIAL_MS: int(10, 3_600_000).default(5_000),
  SMTP_PROBE_MAX_MS: int(10, 86_400_000).default(300_000),
  DKIM_DOMAIN: z.string().min(1).optional(),
  DKIM_SELECTOR: z.string().min(1).optional(),
  DKIM_PRIVATE_KEY_PATH: z.string().min(1).optional(),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  DIGEST_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron pattern such as "0 9 1 * *"')
    .optional(),
  RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(10),
  IMPORT_MAX_BYTES: int(1024, 1_073_741_824).default(10 * 1024 * 1024),
  IMPORT_TIMEOUT_MS: int(100, 600_000).default(15_000),
  IMPORT_ALLOW_PRIVATE: bool.default(false),
  /** The lab's time zone (IANA name): event dates and times written without a zone are read in it. */
  TIME_ZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone name such as Europe/Madrid or UTC').default('UTC'),
  /** Serve the public archive of sent digests (/archive, its issues and its Atom feed); false: all of it answers 404. */
  ARCHIVE_PUBLIC: bool.default(true),
  /**
   * Envelope sender of the digests; each delivery goes out as <local>+<signed token>@<domain> (VERP), so a
   * bounce names its delivery. No `+` of its own: the token follows the first one.
   */
  BOUNCE_ADDRESS: z
    .email()
    .refine(
      (v) => !v.split('@')[0]!.includes('+') && v.split('@')[0]!.length <= 32,
      'must be a plain address without "+" and a local part of at most 32 characters',
    )
    .transform((v) => v.toLowerCase())
    .optional(),
  /** The mailbox bounces and complaints arrive in: imaps://user:password@host:993/INBOX (the path names the folder; INBOX when none). */
  BOUNCE_IMAP_URL: url(['imap', 'imaps']).optional(),
  /** Where read bounces and complaints are moved (created when missing); anything not understood stays where it is. */
  BOUNCE_PROCESSED_FOLDER: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\r\n*%]+$/, 'a folder name without line breaks, * or %')
    .default('Processed'),
  /** How often the owner process reads the bounce mailbox. */
  BOUNCE_POLL_MINUTES: int(1, 1440).default(5),
  /** Most new messages read from the bounce mailbox in one run; the rest wait for the next. */
  BOUNCE_POLL_MAX_MESSAGES: int(1, 10_000).default(200),
  /** Bearer token of POST /api/bounces/webhook, where a relay may post bounces and complaints; unset: no webhook (404). */
  BOUNCE_WEBHOOK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Settings = Omit<z.infer<typeof configSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string };

/** The parsed settings plus the two secrets, which are always present once loaded. */
export type Config = Omit<Settings, 'ADMIN_TOKEN' | 'SECRET_KEY'> & {
  ADMIN_TOKEN: string;
  SECRET_KEY: string;
  DATA_DIR: string;
  /** Which secrets were generated on this start (so the process can say where they were stored; never their values). */
  generatedSecrets: Array<'ADMIN_TOKEN' | 'SECRET_KEY'>;
};

/** A setting that failed validation; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; empty strings count as unset. Throws ConfigError naming each bad variable. */
export function parseSettings(env: Record<string, string | undefined> = process.env): Settings {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const s: Settings = { ...result.data, PUBLIC_URL: result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}` };
  const dkim = [s.DKIM_DOMAIN, s.DKIM_SELECTOR, s.DKIM_PRIVATE_KEY_PATH].filter(Boolean).length;
  if (dkim !== 0 && dkim !== 3) {
    throw new ConfigError('Invalid configuration:\n  DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH must be set together');
  }
  return s;
}

/**
 * Fills in ADMIN_TOKEN and SECRET_KEY when unset: generated once into `<data folder>/secrets.json`
 * and reused on every later start, so links survive a restart.
 */
export function resolveSecrets(settings: Settings): Config {
  const dataDir = resolve(dirname(settings.DATABASE_PATH));
  const file = join(dataDir, 'secrets.json');
  const generated: Config['generatedSecrets'] = [];
  let stored: { ADMIN_TOKEN?: string; SECRET_KEY?: string } = {};
  if (!settings.ADMIN_TOKEN || !settings.SECRET_KEY) {
    if (existsSync(file)) {
      try {
        stored = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        throw new ConfigError(`${file} is not valid JSON: fix or delete it (links signed with the old SECRET_KEY stop working)`);
      }
    }
    let changed = false;
    if (!settings.ADMIN_TOKEN && !stored.ADMIN_TOKEN) {
      stored.ADMIN_TOKEN = randomBytes(24).toString('base64url');
      generated.push('ADMIN_TOKEN');
      changed = true;
    }
    if (!settings.SECRET_KEY && !stored.SECRET_KEY) {
      stored.SECRET_KEY = randomBytes(32).toString('base64url');
      generated.push('SECRET_KEY');
      changed = true;
    }
    if (changed) {
      // Owner-only: the folder also holds the database; the file holds the keys and is their only copy.
      ensureOwnerDirSync(dataDir);
      writeOwnerFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
    }
  }
  return {
    ...settings,
    ADMIN_TOKEN: settings.ADMIN_TOKEN ?? stored.ADMIN_TOKEN!,
    SECRET_KEY: settings.SECRET_KEY ?? stored.SECRET_KEY!,
    DATA_DIR: dataDir,
    generatedSecrets: generated,
  };
}

/** Reads the configuration once: parse, validate, fill in secrets. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return resolveSecrets(parseSettings(env));
}
