import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureOwnerDir, writeOwnerFile } from '../owner-only.js';

/** Longest encoded recipient kept readable in a file name; longer ones are named by their hash. */
const MAX_READABLE = 120;

/**
 * The recipient part of an outbox file name (`<stamp>-<recipient>-<id>.eml`); erasure finds files by it.
 * Injective, so two addresses never share it: lower-case letters, digits and dots stay, every other byte
 * becomes `_` and two hex digits (`a+b@x.org` → `a_2bb_40x.org`, `a_b@x.org` → `a_5fb_40x.org`). A long
 * address is named `h-<sha256>` instead, which no encoded name can equal (encoded names have no dash).
 */
export function outboxRecipientPart(to: string): string {
  const address = to.toLowerCase();
  let encoded = '';
  for (const byte of Buffer.from(address, 'utf8')) {
    const c = String.fromCharCode(byte);
    encoded += /[a-z0-9.]/.test(c) ? c : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return encoded.length <= MAX_READABLE ? encoded : `h-${createHash('sha256').update(address).digest('hex')}`;
}

/** True when an outbox file name is a copy of mail to the recipient whose part is `who`. */
export function isOutboxFileOf(name: string, who: string): boolean {
  // The stamp has no dash and the id is hex, so the middle is exactly the recipient part.
  const m = /^[^-]+-(.+)-[0-9a-f]+\.(?:eml|html)$/.exec(name);
  return m !== null && m[1] === who;
}

function outboxName(to: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${outboxRecipientPart(to)}-${randomBytes(3).toString('hex')}`;
}

/** Writes one email to the outbox folder, as `.eml` and `.html`, readable by the owner only (the folder too). */
export async function writeOutboxCopy(dir: string, to: string, eml: Buffer, html: string): Promise<void> {
  await ensureOwnerDir(dir);
  const base = join(dir, outboxName(to));
  await writeOwnerFile(`${base}.eml`, eml);
  await writeOwnerFile(`${base}.html`, html);
}
