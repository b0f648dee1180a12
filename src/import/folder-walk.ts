import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { formatOfName, type ImportFormat, isSiteDataFile } from './file-types.js';

/** One file an import will read: its path, and its path relative to the imported folder (with /). */
export interface FoundFile {
  path: string;
  rel: string;
  format: ImportFormat;
}

/** Build output, theme and dependency folders: they hold copies or templates, never the lab's own content. */
export const IGNORED_DIRS = new Set([
  'node_modules',
  'public',
  'resources',
  'themes',
  'layouts',
  'static',
  'assets',
  'archetypes',
  '_site',
  '_layouts',
  '_includes',
  '_sass',
  '_data',
  'vendor',
]);
const MAX_FILES = 10_000;
const MAX_DEPTH = 12;

async function walk(dir: string, root: string, depth: number, out: FoundFile[], filter: (f: ImportFormat, rel: string) => boolean): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    // Symbolic links are not followed: an import reads what is inside the folder it was given.
    if (e.isDirectory() && !IGNORED_DIRS.has(e.name)) await walk(path, root, depth + 1, out, filter);
    else if (e.isFile()) {
      const format = formatOfName(e.name);
      const rel = relative(root, path).split(sep).join('/');
      if (format && filter(format, rel)) out.push({ path, rel, format });
    }
  }
}

/**
 * The files to import from a folder. A site root with a content/ folder (Hugo) gives the Markdown under
 * content/ (and the cite.bib files beside its pages) plus the .bib and feed files at the root; any other
 * folder (a Jekyll site) gives every supported file in it, and the data files in its _data/ folder.
 */
export async function findImportFiles(root: string): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const content = join(root, 'content');
  const hasContent = await lstat(content).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (hasContent) {
    await walk(content, root, 0, out, (f) => f === 'markdown' || f === 'bibtex');
    const top = await readdir(root, { withFileTypes: true });
    for (const e of top.sort((a, b) => a.name.localeCompare(b.name))) {
      const format = e.isFile() ? formatOfName(e.name) : null;
      if (format && format !== 'markdown' && format !== 'data') out.push({ path: join(root, e.name), rel: e.name, format });
    }
  } else {
    await walk(root, root, 0, out, (f) => f !== 'data');
    const data = join(root, '_data');
    const hasData = await lstat(data).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (hasData) await walk(data, root, 0, out, (f, rel) => f === 'data' && isSiteDataFile(rel));
  }
  return out;
}
