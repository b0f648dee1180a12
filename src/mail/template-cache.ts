import { emailStrings, type EmailStrings } from '../i18n/email-strings.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { lazy } from '../lazy.js';
import { parseTemplate, type Part } from './placeholders.js';
import { EMAILS_DIR, loadTemplateSource, type MailBrand, mailBrandOf, TEMPLATE_NAMES, type TemplateName } from './template-source.js';

export type { MailBrand, TemplateName };

// MJML (about 55 MB once loaded) is loaded by the first compile: the API process compiles only when an
// editor changes a profile or the archive renders an issue, and many never do.
const mjml = lazy(() => import('mjml'));

/** One template in one language, compiled and parsed: only string work is left per email. */
export interface CompiledTemplate {
  html: Part[];
  text: Part[];
}

/** Every template in every language, compiled once at worker start. */
export interface TemplateCache {
  get(name: TemplateName, language: Language): CompiledTemplate;
  strings(language: Language): EmailStrings;
  readonly brand: MailBrand;
  /** How many times this cache ran the MJML compiler (templates × languages, never per email). */
  readonly compileCount: number;
  /** Milliseconds spent compiling. */
  readonly compileMs: number;
  /** The compiled templates as plain data, for a thread of the same process to use without compiling again (templateCacheFrom). */
  readonly compiled: CompiledTemplates;
}

/** What a template cache holds, as plain data that can be posted to a worker thread. */
export interface CompiledTemplates {
  readonly brand: MailBrand;
  readonly templates: ReadonlyArray<readonly [string, CompiledTemplate]>;
  readonly compileCount: number;
  readonly compileMs: number;
}

export interface TemplateCacheOptions {
  /** Folder of the templates; the repo's emails/ by default. */
  dir?: string;
}

// MJML's output is indented for people; the indentation is a third of the bytes and means nothing.
function tidyHtml(html: string): string {
  return html.replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
}

async function compileMjml(source: string, label: string): Promise<string> {
  // Strict validation: a template mistake stops the worker at start, not a send halfway through.
  try {
    const { default: mjml2html } = await mjml();
    const result = await mjml2html(source, { validationLevel: 'strict', keepComments: true });
    return tidyHtml(result.html);
  } catch (err) {
    const details = (err as { errors?: Array<{ formattedMessage?: string }> }).errors;
    const lines = details?.map((e) => e.formattedMessage).join('; ');
    throw new Error(`MJML template ${label} does not compile: ${lines || (err as Error).message}`);
  }
}

/** Compiles every MJML template once per language (at worker start) and keeps the parsed result. */
export async function createTemplateCache(brand: MailBrand, options: TemplateCacheOptions = {}): Promise<TemplateCache> {
  const dir = options.dir ?? EMAILS_DIR;
  const compiled = new Map<string, CompiledTemplate>();
  let compileCount = 0;
  const started = performance.now();
  for (const language of LANGUAGES) {
    for (const name of TEMPLATE_NAMES) {
      const [mjml, text] = await Promise.all([loadTemplateSource(name, 'mjml', language, brand, dir), loadTemplateSource(name, 'txt', language, brand, dir)]);
      compileCount += 1;
      const html = await compileMjml(mjml, `${name}.mjml (${language})`);
      compiled.set(`${name}:${language}`, { html: parseTemplate(html), text: parseTemplate(text) });
    }
  }
  return templateCacheFrom({ brand: mailBrandOf(brand), templates: [...compiled], compileCount, compileMs: performance.now() - started });
}

/** A template cache over templates compiled elsewhere (by the thread that started this one): no MJML is loaded. */
export function templateCacheFrom(data: CompiledTemplates): TemplateCache {
  const compiled = new Map(data.templates);
  return {
    get(name, language) {
      const t = compiled.get(`${name}:${language}`);
      if (!t) throw new Error(`No compiled template ${name} in ${language}`);
      return t;
    },
    strings: emailStrings,
    brand: data.brand,
    compileCount: data.compileCount,
    compileMs: data.compileMs,
    compiled: data,
  };
}
