import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { InvalidInputError } from '../errors.js';
import { formatOfName } from './file-types.js';
import { fetchImportUrl } from './fetch-url.js';
import { findImportFiles } from './folder-walk.js';
import { parseFrontMatter } from './front-matter.js';
import { authorKey } from './hugo-author.js';
import { ParseError } from './import-errors.js';
import type { ImportSummary } from './import-summary.js';
import { runImport, type ImportInput } from './import-runner.js';
import { decodeText, readTextFile, tooLarge } from './read-input.js';
import { selectUploads, type UploadedFile } from './upload-paths.js';

/** The settings an import reads; the lab's time zone defaults to UTC. */
type Limits = Pick<Config, 'IMPORT_MAX_BYTES' | 'IMPORT_TIMEOUT_MS' | 'IMPORT_ALLOW_PRIVATE'> & Partial<Pick<Config, 'TIME_ZONE'>>;

/** Hugo author profiles (authors/<key>/_index.md) give display names for the keys in front matter. */
async function authorNames(files: ImportInput[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const f of files) {
    const key = authorKey(f.rel);
    if (!key) continue;
    try {
      const title = parseFrontMatter(await f.read()).data?.title;
      if (typeof title === 'string' && title.trim()) names.set(key, title.trim());
    } catch {
      // A broken profile is reported when the file itself is imported; the key is then left out.
    }
  }
  return names;
}

/** Imports a file or folder on disk (a site root, a content folder, a .bib, a feed, one .md). */
export async function importFromPath(db: Db, config: Limits, path: string): Promise<ImportSummary> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info) throw new InvalidInputError(`${path} does not exist`);
  const maxBytes = config.IMPORT_MAX_BYTES;
  if (info.isDirectory()) {
    const inputs: ImportInput[] = (await findImportFiles(full)).map((f) => ({
      name: f.path,
      rel: f.rel,
      format: f.format,
      read: () => readTextFile(f.path, maxBytes),
    }));
    return runImport(db, inputs, { names: await authorNames(inputs), timeZone: config.TIME_ZONE });
  }
  if (!info.isFile()) throw new InvalidInputError(`${path} is neither a file nor a folder`);
  return runImport(db, [{ name: full, rel: basename(full), format: formatOfName(full), read: () => readTextFile(full, maxBytes) }], {
    timeZone: config.TIME_ZONE,
  });
}

/** Imports one uploaded file (its name decides the format when it has a known extension). */
export async function importFromUpload(db: Db, config: Limits, filename: string, bytes: Buffer): Promise<ImportSummary> {
  const name = basename(filename || 'upload');
  return runImport(
    db,
    [
      {
        name,
        rel: name,
        format: formatOfName(name),
        read: async () => {
          if (bytes.length > config.IMPORT_MAX_BYTES) throw new ParseError(tooLarge(config.IMPORT_MAX_BYTES));
          return decodeText(bytes);
        },
      },
    ],
    { timeZone: config.TIME_ZONE },
  );
}

/**
 * Imports several uploaded files in one run, with one summary: the files a folder import would read
 * (selectUploads), Markdown keyed by its path in the folder, author profiles giving names, records of the
 * same item merged as in a folder import.
 */
export async function importFromUploads(db: Db, config: Limits, files: UploadedFile[]): Promise<ImportSummary> {
  const inputs: ImportInput[] = selectUploads(files).map((f) => ({
    name: f.rel,
    rel: f.rel,
    format: f.format,
    read: async () => {
      if (f.bytes.length > config.IMPORT_MAX_BYTES) throw new ParseError(tooLarge(config.IMPORT_MAX_BYTES));
      return decodeText(f.bytes);
    },
  }));
  return runImport(db, inputs, { names: await authorNames(inputs), timeZone: config.TIME_ZONE });
}

/** A URL path with its escapes decoded; a malformed escape ("/%E0%A4%A") leaves the path as sent. */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    // The path only names the file (format, Markdown key); an odd name is no reason to refuse the import.
    return pathname;
  }
}

/** Downloads a URL (size, time and address limits from the settings) and imports what it holds. */
export async function importFromUrl(db: Db, config: Limits, url: string): Promise<ImportSummary> {
  const fetched = await fetchImportUrl(url, {
    maxBytes: config.IMPORT_MAX_BYTES,
    timeoutMs: config.IMPORT_TIMEOUT_MS,
    allowPrivate: config.IMPORT_ALLOW_PRIVATE,
  });
  const path = decodedPath(new URL(fetched.url).pathname).replace(/^\/+/, '');
  const name = path.split('/').filter(Boolean).pop() ?? 'index';
  return runImport(
    db,
    [
      {
        name: fetched.url,
        rel: path || name,
        format: formatOfName(name),
        mediaType: fetched.mediaType,
        read: async () => decodeText(fetched.bytes),
      },
    ],
    { timeZone: config.TIME_ZONE },
  );
}
