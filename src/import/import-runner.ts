import type { Db } from '../db/client.js';
import type { ItemRecord } from '../items/item-record.js';
import { getItem } from '../items/item-repository.js';
import { type AppliedRecord, applyRecord, type RecordOutcome } from '../items/item-service.js';
import { itemOfSource } from '../items/item-sources.js';
import { getPerson } from '../people/person-repository.js';
import { applyPersonRecord } from '../people/person-service.js';
import { ensureTopics } from '../topics/topic-repository.js';
import { importBibtex } from './bibtex-import.js';
import { companionPageKey, pagesBeforeCompanions } from './companion-bib.js';
import { importFeed } from './feed-import.js';
import { type ImportFormat, sniffFormat } from './file-types.js';
import { ParseError } from './import-errors.js';
import { emptySummary, type ImportSummary } from './import-summary.js';
import { importJekyllData } from './jekyll-data.js';
import { type AuthorNames, importMarkdown } from './markdown-import.js';
import type { ParsedFile } from './parsed-file.js';

/** One file to import, wherever it comes from (disk, upload, URL). `read` throws ParseError for unreadable content. */
export interface ImportInput {
  /** Shown in messages: the path as given, the upload's name or the URL. */
  name: string;
  /** Path inside the imported folder (decides kind and key of Markdown files). */
  rel: string;
  format: ImportFormat | null;
  mediaType?: string;
  read(): Promise<string>;
}

/** How an import reads what it finds. */
export interface ImportOptions {
  /** Hugo author keys → display names. */
  names?: AuthorNames;
  /** The lab's time zone (TIME_ZONE): event times written without a zone are read in it. */
  timeZone?: string;
  /** The day a record without any date is first seen (tests fix it). */
  today?: Date;
}

function parse(format: ImportFormat, text: string, rel: string, o: ImportOptions): ParsedFile {
  if (format === 'markdown') return importMarkdown(text, rel, o.names, o.timeZone);
  if (format === 'bibtex') return importBibtex(text);
  if (format === 'data') return importJekyllData(text, rel);
  return importFeed(text);
}

const RANK: Record<RecordOutcome, number> = { unchanged: 0, updated: 1, added: 2 };

/** A stored record, with the entry it came from (for the summary). */
type Stored = AppliedRecord & { entry?: string };

/**
 * Stores one file's records and people (inside the file's transaction). A cite.bib beside a page joins the
 * page's item; beside a page that was not imported (a draft) it is skipped, since it describes that page.
 */
function store(db: Db, input: ImportInput, parsed: ParsedFile, o: ImportOptions) {
  const created = ensureTopics(
    db,
    [...new Set(parsed.records.flatMap((r) => r.topics))].map((slug) => ({ slug })),
  );
  const results: Stored[] = [];
  const skipped: ParsedFile['skipped'] = [];
  const pageKey = companionPageKey(input.rel);
  parsed.records.forEach((record: ItemRecord, i) => {
    if (pageKey === null) {
      results.push({ ...applyRecord(db, record, null, o.today), entry: record.source === 'bibtex' ? record.sourceKey : undefined });
      return;
    }
    const page = i === 0 ? itemOfSource(db, 'markdown', pageKey) : null;
    if (i === 0 && page === null) {
      skipped.push({ entry: record.sourceKey, reason: 'beside a page that was not imported (a draft, or skipped): it describes that page' });
      return;
    }
    const keyed = { ...record, sourceKey: `${pageKey}/cite.bib${i === 0 ? '' : `#${record.sourceKey}`}` };
    const applied = applyRecord(db, keyed, page, o.today);
    results.push({ ...applied, entry: record.sourceKey, merged: page !== null ? 'the BibTeX beside the page' : applied.merged });
  });
  const people = (parsed.people ?? []).map((p) => applyPersonRecord(db, p));
  return { created, results, skipped, people };
}

/**
 * Imports files one by one. Each file is all-or-nothing (one transaction); a broken file is reported with
 * its name and line and the others still import. Tags become topics, unknown ones created and reported.
 * The summary names every merge and every skip with its reason.
 */
export async function runImport(db: Db, inputs: ImportInput[], options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary(inputs.length);
  const outcomes = new Map<number, RecordOutcome>();
  const personOutcomes = new Map<number, RecordOutcome>();
  const better = (map: Map<number, RecordOutcome>, id: number, outcome: RecordOutcome) => {
    const before = map.get(id);
    if (!before || RANK[outcome] > RANK[before]) map.set(id, outcome);
  };
  for (const input of pagesBeforeCompanions(inputs)) {
    let parsed: ParsedFile;
    try {
      const text = await input.read();
      const format = input.format ?? sniffFormat(text, input.mediaType);
      if (!format) throw new ParseError('not Markdown with front matter, BibTeX, YAML data or an RSS/Atom feed');
      parsed = parse(format, text, input.rel, options);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const where = err.line ? `, line ${err.line}` : '';
      summary.failed.push({ file: input.name, ...(err.line ? { line: err.line } : {}), message: `${input.name}${where}: ${err.message}` });
      continue;
    }
    for (const s of parsed.skipped) summary.skipped.push({ file: input.name, ...s });
    for (const n of parsed.notes ?? []) summary.notes.push({ file: input.name, ...n });
    try {
      const stored = db.transaction(() => store(db, input, parsed, options));
      summary.createdTopics.push(...stored.created);
      for (const s of stored.skipped) summary.skipped.push({ file: input.name, ...s });
      for (const r of stored.results) {
        better(outcomes, r.itemId, r.outcome);
        if (r.merged) summary.merges.push({ file: input.name, ...(r.entry ? { entry: r.entry } : {}), itemId: r.itemId, reason: r.merged });
      }
      for (const p of stored.people) better(personOutcomes, p.personId, p.outcome);
    } catch (err) {
      summary.failed.push({ file: input.name, message: `${input.name}: could not be stored (${(err as Error).message})` });
    }
  }
  for (const [id, outcome] of outcomes) {
    const item = getItem(db, id);
    summary.items.push({ id, title: item.title, kind: item.kind, outcome });
    summary[outcome]++;
  }
  summary.items.sort((a, b) => a.id - b.id);
  for (const [id, outcome] of personOutcomes) {
    const person = getPerson(db, id);
    summary.people.push({ id, name: person.name, alumni: person.alumni, outcome });
  }
  summary.people.sort((a, b) => a.id - b.id);
  return summary;
}
