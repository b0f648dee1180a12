import type { Settings } from '../src/config.js';
import type { Logger } from '../src/logger.js';
import { createMailer, type Mailer } from '../src/mail/mailer.js';
import type { TemplateCache } from '../src/mail/template-cache.js';
import { compileTemplatesInThread } from './compile-templates.js';

/** What every mail-sending worker of a process shares: one template cache, one pooled SMTP transport. */
export interface MailParts {
  templates: TemplateCache;
  mailer: Mailer;
}

/** Compiles the templates (once per process, in a passing thread) and opens the mailer. */
export async function createMailParts(settings: Settings, logger: Logger): Promise<MailParts> {
  // In a thread that then ends: the worker itself never loads MJML.
  const templates = await compileTemplatesInThread(settings);
  logger.debug({ compileMs: Math.round(templates.compileMs), templates: templates.compileCount }, 'mail templates compiled');
  return { templates, mailer: createMailer(settings) };
}
