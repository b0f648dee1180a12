import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emailStrings, type EmailStrings } from '../i18n/email-strings.js';
import { format } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { packagePath } from '../package-root.js';
import { escapeHtml } from '../text/escape-html.js';

/** The folder holding layout.mjml, the templates and their text parts. */
export const EMAILS_DIR = packagePath('emails');

export type TemplateName = 'confirm' | 'manage' | 'data-export' | 'digest';
export const TEMPLATE_NAMES: readonly TemplateName[] = ['confirm', 'manage', 'data-export', 'digest'];

/** Who sends: the parts of the settings that appear in every footer. */
export interface MailBrand {
  ORG_NAME: string;
  ORG_POSTAL_ADDRESS: string;
  CONTACT_EMAIL: string;
}

/** Just the brand of a wider object (the settings): what a template cache keeps, or posts to a thread. */
export function mailBrandOf(brand: MailBrand): MailBrand {
  return { ORG_NAME: brand.ORG_NAME, ORG_POSTAL_ADDRESS: brand.ORG_POSTAL_ADDRESS, CONTACT_EMAIL: brand.CONTACT_EMAIL };
}

type Kind = 'mjml' | 'txt';

/** Looks up a template's dotted `[[key]]` ("digest.llmNote") among the strings; undefined when it is not a string. */
function stringAt(strings: EmailStrings, path: string): string | undefined {
  let node: unknown = strings;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

function section(src: string, tag: string, file: string): string {
  const m = new RegExp(`<${tag}>\\n?([\\s\\S]*?)</${tag}>`).exec(src);
  if (!m) throw new Error(`${file} has no <${tag}> section`);
  return m[1]!;
}

/**
 * The template's source for one language, ready for the compiler: the layout wrapped around the
 * template's <ld-content> and <ld-footer>, and every `[[key]]` replaced by a string or a setting
 * (escaped for HTML in MJML). Only `{{…}}` values and `<!--ld:…-->` blocks are left for later.
 */
export async function loadTemplateSource(name: TemplateName, kind: Kind, language: Language, brand: MailBrand, dir = EMAILS_DIR): Promise<string> {
  const [layout, body] = await Promise.all([readFile(join(dir, `layout.${kind}`), 'utf8'), readFile(join(dir, `${name}.${kind}`), 'utf8')]);
  const file = `${name}.${kind}`;
  const assembled = layout
    .replace('[[@content]]', () => section(body, 'ld-content', file).replace(/\n$/, ''))
    .replace('[[@footer]]', () => section(body, 'ld-footer', file).replace(/\n$/, ''));

  const html = kind === 'mjml';
  const esc = html ? escapeHtml : (v: string) => v;
  const contact = html ? `<a href="mailto:${escapeHtml(brand.CONTACT_EMAIL)}">${escapeHtml(brand.CONTACT_EMAIL)}</a>` : brand.CONTACT_EMAIL;
  const settings: Record<string, string> = {
    lang: language,
    'org.name': brand.ORG_NAME,
    'org.address': brand.ORG_POSTAL_ADDRESS,
    'org.contact': brand.CONTACT_EMAIL,
  };
  const strings = emailStrings(language);
  return assembled.replace(/\[\[([\w.]+)\]\]/g, (_, key: string) => {
    if (key in settings) return esc(settings[key]!);
    const text = stringAt(strings, key);
    if (text === undefined) throw new Error(`${file}: no string "${key}" in ${language}`);
    // Escape first, then put in the (already escaped) settings, so `{contact}` can become a link.
    return format(esc(text), { org: esc(brand.ORG_NAME), address: esc(brand.ORG_POSTAL_ADDRESS), contact });
  });
}
