import type { PersonLink, PersonRecord } from '../people/person-record.js';
import { calendarDate } from './calendar-date.js';
import { httpUrl, list, map, str } from './field-values.js';
import { looseDate } from './page-dates.js';
import { inlineMarkdownToText, summaryFromBody } from './text-cleanup.js';

/** The profile key of a Hugo author page (content/authors/<key>/_index.md), or null for any other path. */
export function authorKey(relPath: string): string | null {
  return /(?:^|\/)authors\/([^/]+)\/_?index\.(md|markdown)$/i.exec(relPath)?.[1] ?? null;
}

/** A profile's links: Hugo Blox `profiles` (url, label) and Academic `social` (link, icon), http(s) only. */
function links(d: Record<string, unknown>): PersonLink[] {
  const out: PersonLink[] = [];
  for (const entry of [...(Array.isArray(d.profiles) ? d.profiles : []), ...(Array.isArray(d.social) ? d.social : [])].slice(0, 50)) {
    const e = map(entry);
    const url = httpUrl(e?.url ?? e?.link);
    if (!e || !url) continue;
    const label = str(e.label) ?? str(e.icon)?.replace(/^.*\//, '') ?? new URL(url).hostname;
    out.push({ label, url });
  }
  return out;
}

/**
 * A Hugo author profile as a team member: the name from `title` (or first and last name), role, bio from
 * `bio` or the page's first paragraph, links, an alumni group. Null when the profile has no name.
 */
export function hugoAuthor(key: string, d: Record<string, unknown>, body: string): PersonRecord | null {
  const name = str(d.title) ?? ([str(d.first_name), str(d.last_name)].filter(Boolean).join(' ') || null);
  if (!name) return null;
  const groups = list(d.user_groups);
  const started = str(d.start_date) ?? str(d.joined);
  const bio = str(d.bio);
  return {
    source: 'hugo-author',
    sourceKey: key,
    name: inlineMarkdownToText(name),
    role: str(d.role) ? inlineMarkdownToText(str(d.role)!) || null : null,
    photoUrl: httpUrl(d.avatar ?? d.photo),
    bio: (bio ? inlineMarkdownToText(bio) : summaryFromBody(body)).replace(/\s*\n\s*/g, ' '),
    startDate: calendarDate(started) ?? (started ? (looseDate(started)?.date ?? null) : null),
    links: links(d),
    alumni: groups.some((g) => /alumn|former|past/i.test(g)),
  };
}
