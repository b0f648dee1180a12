import { encode, wrap } from 'nodemailer/lib/qp';
import { escapeForHtml, escapeForText } from './escape.js';
import { fillSegments, mapTexts, type Segments } from './placeholders.js';

/**
 * A profile's body parts quoted-printable encoded once, so that sending one reader's email encodes only
 * that reader's greeting and links (a digest is ~26 KB; encoding it per email was most of a send worker's
 * time). Each piece ends at the start of a line (a soft line break `=` CRLF when its text did not end with
 * a line break), so pieces encoded apart can be joined in any order: the decoded text is the same as the
 * text encoded in one go. Nodemailer's own encoder does the encoding and wrapping.
 */
export interface EncodedBody {
  readonly html: Segments;
  readonly text: Segments;
}

/** Quoted-printable with CRLF line ends and lines of at most 76 characters, ending where a next piece can begin. */
export function encodePiece(text: string): string {
  if (text === '') return '';
  const encoded = wrap(encode(text.replace(/\r?\n/g, '\r\n')), 76);
  return encoded.endsWith('\r\n') ? encoded : `${encoded}=\r\n`;
}

/** The literal parts of a profile's html and text encoded once; the reader's slots stay open. */
export function encodeBody(parts: { html: Segments; text: Segments }): EncodedBody {
  return { html: mapTexts(parts.html, encodePiece), text: mapTexts(parts.text, encodePiece) };
}

/** One reader's encoded html and text: their values escaped as the render escapes them, then encoded. */
export function fillEncodedBody(body: EncodedBody, values: Readonly<Record<string, string>>): { html: string; text: string } {
  return {
    html: withoutFinalSoftBreak(fillSegments(body.html, values, (v) => encodePiece(escapeForHtml(v)))),
    text: withoutFinalSoftBreak(fillSegments(body.text, values, (v) => encodePiece(escapeForText(v)))),
  };
}

/** Nothing follows the last piece: its soft break would read as a line break before the MIME boundary. (A literal `=` is always `=3D`.) */
function withoutFinalSoftBreak(encoded: string): string {
  return encoded.endsWith('=\r\n') ? encoded.slice(0, -3) : encoded;
}

const encodedBodies = new WeakMap<object, EncodedBody>();

/** A render's encoded body, encoded the first time it is asked for and kept as long as the render is. */
export function encodedBodyOf(render: { html: Segments; text: Segments }): EncodedBody {
  let body = encodedBodies.get(render);
  if (!body) {
    body = encodeBody(render);
    encodedBodies.set(render, body);
  }
  return body;
}
