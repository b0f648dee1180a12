/**
 * Why src/import/bibtex-parser.ts stays hand-written. Runs the importer as it is and the same importer on
 * @retorquere/bibtex-parser (bibtex-lib-candidate.ts) over folders of real .bib files and prints, per file, the
 * entries each finds, the records it makes, how many have a plain-text title, authors and venue, a year and a
 * DOI, errors, and time. The corpus is not in the repo: bibtex-corpus.tsv says where each file came from;
 * split bibliographies (macros, entries, crossref volumes) were also joined into one file, as a lab would import
 * them. `npx tsx bench/bibtex-compare.ts <folder>... [differences.txt]`
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importBibtex } from '../src/import/bibtex-import.js';
import { parseBibtex } from '../src/import/bibtex-parser.js';
import type { ItemRecord } from '../src/items/item-record.js';
import { importBibtexWithLibrary } from './bibtex-lib-candidate.js';

const dirs = process.argv.slice(2).filter((a) => !a.endsWith('.txt'));
const diffFile = process.argv.slice(2).find((a) => a.endsWith('.txt'));

/** Plain Unicode text: no TeX syntax or HTML markup left over. */
const clean = (s: string | null | undefined) => !!s && !/[{}\\$]/.test(s) && !/<\/?[a-z]+[^>]*>/i.test(s);

interface Side {
  entries: number;
  records: number;
  title: number;
  authors: number;
  year: number;
  doi: number;
  venue: number;
  errors: number;
  crashed: boolean;
  ms: number;
  firstError: string;
  errorList: string[];
  byKey: Map<string, ItemRecord>;
}

function score(records: ItemRecord[]): Pick<Side, 'records' | 'title' | 'authors' | 'year' | 'doi' | 'venue' | 'byKey'> {
  return {
    records: records.length,
    title: records.filter((r) => clean(r.title)).length,
    authors: records.filter((r) => r.authors.length > 0 && r.authors.every(clean)).length,
    year: records.filter((r) => r.date).length,
    doi: records.filter((r) => r.doi).length,
    venue: records.filter((r) => clean(r.venue)).length,
    byKey: new Map(records.map((r) => [r.sourceKey, r])),
  };
}

function time<T>(run: () => T): { value: T; ms: number } {
  run(); // warm-up
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    value = run();
    runs.push(performance.now() - t);
  }
  return { value, ms: runs.sort((a, b) => a - b)[1]! };
}

function own(text: string): Side {
  let entries = 0;
  try {
    entries = parseBibtex(text).length;
    const { value, ms } = time(() => importBibtex(text));
    return { entries, ...score(value.records), errors: 0, crashed: false, ms, firstError: '', errorList: [] };
  } catch (err) {
    const t = performance.now();
    try {
      importBibtex(text);
    } catch {}
    return {
      entries,
      ...score([]),
      errors: 1,
      crashed: !(err instanceof Error && err.name === 'ParseError'),
      ms: performance.now() - t,
      firstError: String((err as Error).message),
      errorList: [],
    };
  }
}

function library(text: string): Side {
  try {
    const { value, ms } = time(() => importBibtexWithLibrary(text));
    return {
      entries: value.entries,
      ...score(value.records),
      errors: value.errors.length,
      crashed: false,
      ms,
      firstError: value.errors[0] ?? '',
      errorList: value.errors,
    };
  } catch (err) {
    return { entries: 0, ...score([]), errors: 1, crashed: true, ms: 0, firstError: String((err as Error).message), errorList: [String(err)] };
  }
}

const cols = ['entries', 'records', 'title', 'authors', 'year', 'doi', 'venue', 'errors'] as const;
const totals = { own: Object.fromEntries(cols.map((c) => [c, 0])), lib: Object.fromEntries(cols.map((c) => [c, 0])) } as Record<
  'own' | 'lib',
  Record<string, number>
>;
const ms = { own: 0, lib: 0 };
// The importer refuses a whole file on a syntax error (tests/import/broken-inputs.test.ts); this is what the
// library would give under the same rule (its warnings about undefined macros and odd names do not count).
const libStrict = Object.fromEntries(cols.map((c) => [c, 0])) as Record<string, number>;
const isWarning = (e: string) => /^Unresolved @string reference|unexpected \d+-part name/.test(e);
const failedFiles = { own: 0, lib: 0 };
const diffs: string[] = [];
console.log(`| file | bytes | entries own/lib | records own/lib | clean title | clean authors | year | doi | clean venue | errors own/lib | ms own/lib |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const dir of dirs) {
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.bib'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const a = own(text);
    const b = library(text);
    for (const c of cols) {
      totals.own[c]! += a[c];
      totals.lib[c]! += b[c];
    }
    if (!b.errorList.some((e) => !isWarning(e))) for (const c of cols) libStrict[c]! += b[c];
    ms.own += a.ms;
    ms.lib += b.ms;
    if (a.records === 0 && a.entries === 0 && (a.errors || a.crashed)) failedFiles.own++;
    if (b.records === 0 && b.errors) failedFiles.lib++;
    const pair = (c: (typeof cols)[number]) => `${a[c]}/${b[c]}`;
    console.log(
      `| ${name} | ${text.length} | ${pair('entries')} | ${pair('records')} | ${pair('title')} | ${pair('authors')} | ${pair('year')} | ${pair('doi')} | ${pair('venue')} | ${pair('errors')}${a.crashed || b.crashed ? ' CRASH' : ''} | ${a.ms.toFixed(1)}/${b.ms.toFixed(1)} |`,
    );
    if (a.firstError || b.firstError) diffs.push(`## ${name}\n  own error: ${a.firstError}\n  lib error: ${b.firstError}`);
    for (const [key, ra] of a.byKey) {
      const rb = b.byKey.get(key);
      if (!rb) continue;
      for (const field of ['title', 'authors', 'venue', 'doi', 'date'] as const) {
        const va = JSON.stringify(ra[field]);
        const vb = JSON.stringify(rb[field]);
        if (va !== vb) diffs.push(`${name} ${key} ${field}\n  own: ${va}\n  lib: ${vb}`);
      }
    }
  }
}
const pair = (c: string) => `${totals.own[c]}/${totals.lib[c]}`;
console.log(
  `| **total** | | ${pair('entries')} | ${pair('records')} | ${pair('title')} | ${pair('authors')} | ${pair('year')} | ${pair('doi')} | ${pair('venue')} | ${pair('errors')} | ${ms.own.toFixed(0)}/${ms.lib.toFixed(0)} |`,
);
console.log(
  `| **library, file refused on a syntax error** | | ${libStrict.entries} | ${libStrict.records} | ${libStrict.title} | ${libStrict.authors} | ${libStrict.year} | ${libStrict.doi} | ${libStrict.venue} | | |`,
);
console.log(`\nfiles that yield nothing: own ${failedFiles.own}, library ${failedFiles.lib}`);
if (diffFile) writeFileSync(diffFile, `${diffs.join('\n')}\n`);
