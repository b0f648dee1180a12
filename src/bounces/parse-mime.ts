import PostalMime, { type Email, type Header } from 'postal-mime';
import { BOUNCE_LIMITS } from './bounce-limits.js';

/** A parsed message whose attachments are text (reports and returned headers are read as text). */
export type MimeMessage = Email;

/** Why a message could not be read; it is then left alone. */
export class UnreadableMessage extends Error {
  override name = 'UnreadableMessage';
}

/**
 * Parses a whole message with postal-mime, within the limits: size before parsing, nesting and header
 * bytes while parsing, part count after. Returned messages (message/rfc822) stay attachments, so their
 * headers are read on their own instead of being mixed into the report's text.
 */
export async function readMime(raw: Uint8Array | string): Promise<MimeMessage> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > BOUNCE_LIMITS.maxMessageBytes) throw new UnreadableMessage(`message of ${size} bytes is over ${BOUNCE_LIMITS.maxMessageBytes}`);
  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      attachmentEncoding: 'utf8',
      forceRfc822Attachments: true,
      maxNestingDepth: BOUNCE_LIMITS.maxNestingDepth,
      maxHeadersSize: BOUNCE_LIMITS.maxHeadersBytes,
    });
  } catch (err) {
    throw new UnreadableMessage(`not a readable MIME message: ${(err as Error).message}`);
  }
  if (email.attachments.length > BOUNCE_LIMITS.maxParts) throw new UnreadableMessage(`${email.attachments.length} parts, more than ${BOUNCE_LIMITS.maxParts}`);
  return email;
}

/**
 * Reads a block of `Name: value` lines (a header section, or one field group of a report) with
 * postal-mime, which unfolds continuation lines. Only the first `maxBytes` are read.
 */
export async function readFields(text: string, maxBytes: number): Promise<Header[]> {
  const block = text.slice(0, maxBytes).replace(/^\s+/, '');
  if (!block) return [];
  try {
    // The blank line ends the header section, so nothing after it is taken for a body.
    return (await PostalMime.parse(`${block}\r\n\r\n`, { maxHeadersSize: BOUNCE_LIMITS.maxHeadersBytes })).headers;
  } catch {
    return [];
  }
}

/** The header section of a returned message (up to the first blank line), parsed; the body is never read. */
export async function readReturnedHeaders(text: string): Promise<MimeMessage | null> {
  const head = text.slice(0, BOUNCE_LIMITS.maxReturnedHeaderBytes).replace(/^\s+/, '');
  const end = head.search(/\r?\n\r?\n/);
  const section = end === -1 ? head : head.slice(0, end);
  if (!section) return null;
  try {
    return await PostalMime.parse(`${section}\r\n\r\n`, { maxHeadersSize: BOUNCE_LIMITS.maxHeadersBytes });
  } catch {
    return null;
  }
}

/** Every value of a header (by lower-case name), in order. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  return headers.filter((h) => h.key === name).map((h) => h.value.trim());
}

/** The first value of a header, or null. */
export function headerValue(headers: readonly Header[], name: string): string | null {
  return headerValues(headers, name)[0] ?? null;
}

/** Attachment content as text (it is text already with attachmentEncoding utf8). */
export function attachmentText(content: ArrayBuffer | Uint8Array | string): string {
  return typeof content === 'string' ? content : Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content).toString('utf8');
}
