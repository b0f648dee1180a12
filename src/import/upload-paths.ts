import { formatOfName, type ImportFormat, isSiteDataFile } from './file-types.js';
import { IGNORED_DIRS } from './folder-walk.js';

/** An uploaded file before selection: the path the browser sent and its bytes. */
export interface UploadedFile {
  /** The file's name as sent: a bare name, or a relative path when the browser uploaded a folder. */
  filename: string;
  bytes: Buffer;
}

/** An uploaded file the import will read: its cleaned path relative to the uploaded folder, and its format. */
export interface SelectedUpload extends UploadedFile {
  rel: string;
  format: ImportFormat | null;
}

/**
 * The path a browser sent with a file, made harmless: forward slashes, no drive, no empty, "." or ".."
 * segments. It only names the file (format, Markdown kind and key); it never reaches the disk.
 */
export function cleanUploadPath(raw: string): string {
  const parts = raw
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '')
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && p !== '.' && p !== '..');
  return parts.join('/') || 'upload';
}

const byPath = (a: string, b: string): number => {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = x[i]!.localeCompare(y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
};

/**
 * The uploaded files an import reads, chosen as a folder import chooses them on disk (findImportFiles):
 * a folder upload loses its own name; when it is a site root with content/, the Markdown under content/
 * and the other supported files at its root; otherwise every supported file outside build, theme and
 * hidden folders. Files chosen one by one (no folder in their name) are all kept, so an unreadable one
 * is reported rather than silently left out. Ordered as the folder walk reads them.
 */
export function selectUploads(files: UploadedFile[]): SelectedUpload[] {
  const sent = files.map((f) => cleanUploadPath(f.filename));
  let rels = sent;
  const first = rels[0]?.split('/')[0];
  if (first && rels.every((r) => r.includes('/') && r.split('/')[0] === first)) rels = rels.map((r) => r.slice(first.length + 1));
  const isSite = rels.some((r) => r.startsWith('content/'));
  const keeps = (i: number, rel: string, format: ImportFormat | null): boolean => {
    const folders = rel.split('/').slice(0, -1);
    if (!sent[i]!.includes('/') && !isSite) return true;
    const hidden = rel.split('/').some((p) => p.startsWith('.'));
    if (!format || hidden) return false;
    if (format === 'data') return !isSite && isSiteDataFile(rel);
    if (folders.some((d) => IGNORED_DIRS.has(d))) return false;
    if (!isSite) return true;
    return format === 'markdown' || format === 'bibtex' ? folders[0] === 'content' || (format === 'bibtex' && folders.length === 0) : folders.length === 0;
  };
  const selected = files.map((f, i) => ({ ...f, rel: rels[i]!, format: formatOfName(rels[i]!) })).filter((f, i) => keeps(i, f.rel, f.format));
  // A site's content first, then the files at its root, as the folder walk reads them.
  const atRoot = (f: SelectedUpload) => (isSite && !f.rel.includes('/') ? 1 : 0);
  return selected.sort((a, b) => atRoot(a) - atRoot(b) || byPath(a.rel, b.rel));
}
