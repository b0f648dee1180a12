import type { CompiledTemplates, MailBrand, TemplateCache, TemplateCacheOptions } from '../src/mail/template-cache.js';
import { templateCacheFrom } from '../src/mail/template-cache.js';
import { mailBrandOf } from '../src/mail/template-source.js';
import { startWorkerThread } from './worker-thread.js';

/** The templates compiled in a short-lived thread (workers/template-thread.ts), so this thread never loads MJML. */
export function compileTemplatesInThread(brand: MailBrand, options: TemplateCacheOptions = {}): Promise<TemplateCache> {
  const thread = startWorkerThread('template-thread', { brand: mailBrandOf(brand), options });
  return new Promise((resolve, reject) => {
    thread.once('message', (answer: { ok: true; compiled: CompiledTemplates } | { ok: false; error: string }) => {
      if (answer.ok) resolve(templateCacheFrom(answer.compiled));
      else reject(new Error(answer.error));
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the template thread exited with code ${code} before it answered`)));
  });
}
