import { slugify } from '../items/normalize.js';
import type { PersonLink, PersonRecord } from '../people/person-record.js';
import { httpUrl, map, str } from './field-values.js';
import { looseDate } from './page-dates.js';
import { inlineMarkdownToText } from './text-cleanup.js';

/** The profile fields the lab template and its copies use for links, and how the console labels them. */
const LINK_FIELDS: Array<[string, string]> = [
  ['website', 'Website'],
  ['site', 'Website'],
  ['scholar', 'Google Scholar'],
  ['github', 'GitHub'],
  ['orcid', 'ORCID'],
  ['linkedin', 'LinkedIn'],
  ['twitter', 'Twitter'],
  ['researchgate', 'ResearchGate'],
  ['cv', 'CV'],
];

const STARTED = /^(?:started|since|joined|from|desde|(?:in the lab|en el laboratorio)(?: since)?)\s*:?\s*(.+)$/i;

/** "PhD Student, started Sep 2015" → the role and the month they started; a line without a start is all role. */
export function roleLine(line: string): { role: string | null; startDate: string | null } {
  const parts = line.split(',').map((p) => p.trim());
  const at = parts.findIndex((p) => STARTED.test(p));
  if (at < 0) return { role: line.trim() || null, startDate: null };
  const started =
    looseDate(STARTED.exec(parts[at]!)![1]!) ?? (/\b(19|20)\d{2}\b/.exec(parts[at]!) ? { date: `${/\b(19|20)\d{2}\b/.exec(parts[at]!)![0]}-01-01` } : null);
  const role = parts.filter((_, i) => i !== at).join(', ');
  return { role: role || null, startDate: started?.date ?? null };
}

/**
 * One member of the lab template's team files (`_data/team_members.yml`, `_data/alumni_members.yml`, …): name,
 * a role line ("PhD Student, started Sep 2015"), photo, links. Keyed by name, so a member who moves to an alumni
 * file stays the same person. A string says why the entry is left out.
 */
export function teamEntry(entry: unknown, alumni: boolean): PersonRecord | string {
  const e = map(entry);
  if (!e) return 'not a mapping of fields';
  const name = str(e.name) ? inlineMarkdownToText(str(e.name)!) : null;
  if (!name) return 'no name';
  const line = inlineMarkdownToText(str(e.info) ?? str(e.position) ?? str(e.role) ?? str(e.title) ?? '');
  const { role, startDate } = roleLine(line);
  const duration = str(e.duration);
  const links: PersonLink[] = [];
  for (const [field, label] of LINK_FIELDS) {
    const url = httpUrl(e[field]);
    if (url) links.push({ label, url });
  }
  return {
    source: 'jekyll-team',
    sourceKey: slugify(name) || name,
    name,
    role,
    photoUrl: httpUrl(e.photo ?? e.image),
    bio: inlineMarkdownToText(str(e.description) ?? str(e.bio) ?? (duration ? inlineMarkdownToText(duration) : '')),
    startDate: startDate ?? (str(e.start_date) ? (looseDate(str(e.start_date)!)?.date ?? null) : null),
    links,
    alumni,
  };
}
