/**
 * Compiles the email templates in a thread that ends when they are compiled (compileTemplatesInThread):
 * MJML is about 55 MB once loaded and a worker needs it only for this, so the worker's own threads never
 * load it. Posts the compiled templates as plain data, or the reason they do not compile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createTemplateCache, type MailBrand, type TemplateCacheOptions } from '../src/mail/template-cache.js';

const port = parentPort;
if (!port) throw new Error('workers/template-thread.ts runs as a worker thread (see compile-templates.ts)');
const { brand, options } = workerData as { brand: MailBrand; options: TemplateCacheOptions };
try {
  port.postMessage({ ok: true, compiled: (await createTemplateCache(brand, options)).compiled });
} catch (err) {
  port.postMessage({ ok: false, error: (err as Error).message });
}
port.close();
