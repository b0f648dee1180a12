import { InvalidInputError } from '../errors.js';

/** A file that cannot be imported; nothing from it is stored. The message names the file and, when known, the line. */
export class ImportFileError extends InvalidInputError {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `, line ${line}` : ''}: ${reason}`, { file, line, reason });
  }
}

/** A problem inside a parser, with the line it was found on; the importer adds the file name. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
