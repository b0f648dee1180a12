import { list, str } from './field-values.js';

const LANDING_TYPES = new Set(['landing', 'widget_page', 'home', 'homepage', 'splash']);

/**
 * Why a page with front matter is not an item (a landing page built from blocks, a widget of another page,
 * the contact or home page), or null when it may be one. Sites built from templates have many such pages,
 * and each used to become a news item.
 */
export function notAnItem(d: Record<string, unknown>, relPath: string): string | null {
  const type = (str(d.type) ?? '').toLowerCase();
  const layout = (str(d.layout) ?? '').toLowerCase();
  if (LANDING_TYPES.has(type) || LANDING_TYPES.has(layout) || Array.isArray(d.sections) || Array.isArray(d.blocks) || Array.isArray(d.widgets)) {
    return 'landing page (built from blocks or widgets), not an item';
  }
  if (d.headless === true || str(d.headless) === 'true' || str(d.widget)) return 'widget of another page (headless), not an item';
  const parts = relPath.toLowerCase().split('/');
  const name = parts[parts.length - 1]!.replace(/\.(md|markdown)$/, '');
  const named = name === 'index' || name === '_index' ? (parts[parts.length - 2] ?? '') : name;
  if (type === 'contact' || layout === 'contact' || /^contact(-us)?$/.test(named.replace(/^_/, ''))) return 'contact page, not an item';
  if (/^(content\/)?index$/.test(parts.join('/').replace(/\.(md|markdown)$/, '')) || (name === 'index' && parts.length === 1)) {
    return 'home page, not an item';
  }
  return null;
}

/** True for a draft: Hugo's `draft: true`, Jekyll's `published: false`. */
export function isDraft(d: Record<string, unknown>): boolean {
  return d.draft === true || str(d.draft) === 'true' || d.published === false || str(d.published) === 'false';
}

/** The section a page names for itself (`type: publication`, `layout: post`, publication types), for pages outside section folders. */
export function declaredSection(d: Record<string, unknown>): string | null {
  if (list(d.publication_types).length || str(d.publication)) return 'publication';
  return str(d.type)?.toLowerCase() ?? str(d.layout)?.toLowerCase() ?? null;
}
