import { slugify } from '../items/normalize.js';
import { newsEntry } from './jekyll-news.js';
import { publistEntry } from './jekyll-publist.js';
import { teamEntry } from './jekyll-team.js';
import type { ParsedFile } from './parsed-file.js';
import { loadYamlData, MAX_DATA_ENTRIES } from './yaml-data.js';

/** What a Jekyll data file holds, from its name; null for files labdigest does not read (navigation, awards…). */
export function dataFileKind(relPath: string): 'publications' | 'news' | 'team' | 'alumni' | null {
  const name = (relPath.split('/').pop() ?? '').toLowerCase().replace(/\.ya?ml$/, '');
  if (/^alumni/.test(name)) return 'alumni';
  if (/^(publist|publications?|papers|pubs)(_|$)/.test(name)) return 'publications';
  if (/^news(_|$)/.test(name)) return 'news';
  if (/^(team|team_members|members|people|pi|students|postdocs|staff)(_|$)/.test(name)) return 'team';
  return null;
}

/** The entries of a data file: a list, or a map of entries keyed by id (the value of each key). */
function entries(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') return Object.values(data);
  return null;
}

/**
 * Reads a Jekyll `_data/*.yml` file of the lab template: publication lists, news and team or alumni members.
 * Other data files are skipped with a reason. Throws ParseError for YAML that cannot be read.
 */
export function importJekyllData(text: string, relPath: string): ParsedFile {
  const kind = dataFileKind(relPath);
  const file = relPath.split('/').pop() ?? relPath;
  if (!kind) return { records: [], skipped: [{ reason: `data file ${file} is not a publication, news or team list` }] };
  const list = entries(loadYamlData(text));
  if (list === null) return { records: [], skipped: [{ reason: 'the data file holds no list of entries' }] };
  const out: ParsedFile = { records: [], skipped: [], people: [] };
  if (list.length > MAX_DATA_ENTRIES) out.skipped.push({ reason: `only the first ${MAX_DATA_ENTRIES} of ${list.length} entries are read` });
  const keys = new Map<string, number>();
  list.slice(0, MAX_DATA_ENTRIES).forEach((entry, i) => {
    const label = `entry ${i + 1}`;
    if (kind === 'team' || kind === 'alumni') {
      const person = teamEntry(entry, kind === 'alumni');
      if (typeof person === 'string') out.skipped.push({ entry: label, reason: person });
      else out.people!.push(person);
      return;
    }
    // A publication list has no ids: an entry is known by its title (a second entry of the same title by its rank).
    const title = typeof entry === 'object' && entry ? String((entry as Record<string, unknown>).title ?? '') : '';
    const base = `${file.replace(/\.ya?ml$/i, '')}/${slugify(title).slice(0, 80) || `entry-${i + 1}`}`;
    const seen = keys.get(base) ?? 0;
    keys.set(base, seen + 1);
    const record = kind === 'publications' ? publistEntry(entry, seen ? `${base}-${seen + 1}` : base) : newsEntry(entry);
    if (typeof record === 'string') out.skipped.push({ entry: label, reason: record });
    else out.records.push(record);
  });
  return out;
}
