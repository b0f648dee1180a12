import { open, stat } from 'node:fs/promises';
import { ParseError } from './import-errors.js';

/** Bytes to text: refuses binary content (NUL bytes) and invalid UTF-8, drops a byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ParseError('this is a binary file (it contains NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ParseError('this is not UTF-8 text (a binary file or another encoding)');
  }
}

/** The message for input over the size limit. */
export function tooLarge(maxBytes: number): string {
  return `larger than the import limit of ${maxBytes} bytes (IMPORT_MAX_BYTES)`;
}

/** Reads a file as text, refusing files over maxBytes before reading them whole. */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const info = await stat(path);
  if (info.size > maxBytes) throw new ParseError(tooLarge(maxBytes));
  const handle = await open(path, 'r');
  try {
    // Read at most one byte past the limit, in case the file grew after stat.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw new ParseError(tooLarge(maxBytes));
    return decodeText(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
