import type { Db } from '../db/client.js';
import { applyRecord, type RecordOutcome } from '../items/item-service.js';
import { getItem } from '../items/item-repository.js';
import { ensureTopics } from '../topics/topic-repository.js';
import { importBibtex } from './bibtex-import.js';
import { importFeed } from './feed-import.js';
import { sniffFormat, type ImportFormat } from './file-types.js';
import { ParseError } from './import-errors.js';
import type { ImportSummary } from './import-summary.js';
import { importMarkdown, type AuthorNames } from './markdown-import.js';
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

function parse(format: ImportFormat, text: string, rel: string, names: AuthorNames): ParsedFile {
  if (format === 'markdown') return importMarkdown(text, rel, names);
  if (format === 'bibtex') return importBibtex(text);
  return importFeed(text);
}

const RANK: Record<RecordOutcome, number> = { unchanged: 0, updated: 1, added: 2 };

/**
 * Imports files one by one. Each file is all-or-nothing (one transaction); a broken file is reported with
 * its name and line and the others still import. Tags become topics, unknown ones created and reported.
 */
export async function runImport(db: Db, inputs: ImportInput[], names: AuthorNames = new Map()): Promise<ImportSummary> {
  const summary: ImportSummary = { files: inputs.length, added: 0, updated: 0, unchanged: 0, items: [], skipped: [], failed: [], createdTopics: [] };
  const outcomes = new Map<number, RecordOutcome>();
  for (const input of inputs) {
    let parsed: ParsedFile;
    try {
      const text = await input.read();
      const format = input.format ?? sniffFormat(text, input.mediaType);
      if (!format) throw new ParseError('not Markdown with front matter, BibTeX or an RSS/Atom feed');
      parsed = parse(format, text, input.rel, names);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const where = err.line ? `, line ${err.line}` : '';
      summary.failed.push({ file: input.name, ...(err.line ? { line: err.line } : {}), message: `${input.name}${where}: ${err.message}` });
      continue;
    }
    for (const s of parsed.skipped) summary.skipped.push({ file: input.name, ...s });
    try {
      const stored = db.transaction(() => {
        const created = ensureTopics(
          db,
          [...new Set(parsed.records.flatMap((r) => r.topics))].map((slug) => ({ slug })),
        );
        return { created, results: parsed.records.map((record) => applyRecord(db, record)) };
      });
      summary.createdTopics.push(...stored.created);
      for (const { itemId, outcome } of stored.results) {
        const before = outcomes.get(itemId);
        if (!before || RANK[outcome] > RANK[before]) outcomes.set(itemId, outcome);
      }
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
  return summary;
}
