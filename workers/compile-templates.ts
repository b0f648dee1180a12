import type { CompiledTemplates, MailBrand, TemplateCache, TemplateCacheOptions } from '../src/mail/template-cache.js';
import { templateCacheFrom } from '../src/mail/template-cache.js';
import { mailBrandOf } from '../src/mail/template-source.js';
import { firstMessage, startWorkerThread } from './worker-thread.js';

/** The templates compiled in a short-lived thread (workers/template-thread.ts), so this thread never loads MJML. */
export async function compileTemplatesInThread(brand: MailBrand, options: TemplateCacheOptions = {}): Promise<TemplateCache> {
  const thread = startWorkerThread('template-thread', { brand: mailBrandOf(brand), options });
  const answer = await firstMessage<{ ok: true; compiled: CompiledTemplates } | { ok: false; error: string }>(thread).catch((err: Error) => {
    throw new Error(`the template thread failed: ${err.message}`);
  });
  if (!answer.ok) throw new Error(answer.error);
  return templateCacheFrom(answer.compiled);
}
