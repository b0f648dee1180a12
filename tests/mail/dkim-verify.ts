import { createHash, createVerify } from 'node:crypto';

// A minimal DKIM verifier (RFC 6376, relaxed/relaxed, rsa-sha256), enough to prove a signature holds.

function headerFields(head: string): Array<{ name: string; field: string }> {
  const fields: Array<{ name: string; field: string }> = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1]!.field += `\r\n${line}`;
    else if (line) fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), field: line });
  }
  return fields;
}

function relaxedHeader(field: string): string {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

/** True when the message's DKIM-Signature verifies with the public key (PEM); throws on a malformed message. */
export function verifyDkim(raw: string, publicKey: string): { bodyHashOk: boolean; signatureOk: boolean; signedHeaders: string[] } {
  const split = raw.indexOf('\r\n\r\n');
  const fields = headerFields(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const sigField = fields.find((f) => f.name === 'dkim-signature');
  if (!sigField) throw new Error('no DKIM-Signature');
  const tags = Object.fromEntries(
    relaxedHeader(sigField.field)
      .slice('dkim-signature:'.length)
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1).replace(/\s+/g, '')]),
  );
  const bodyHashOk = createHash('sha256').update(relaxedBody(body)).digest('base64') === tags.bh;
  const signedHeaders = String(tags.h).toLowerCase().split(':');
  const used = new Map<string, number>();
  let data = '';
  for (const name of signedHeaders) {
    const all = fields.filter((f) => f.name === name && f !== sigField);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    const field = all[all.length - 1 - n]; // instances are taken from the bottom up
    if (field) data += `${relaxedHeader(field.field)}\r\n`;
  }
  data += relaxedHeader(sigField.field)
    .replace(/\bb=[^;]*$/, 'b=')
    .replace(/\bb=[^;]*;/, 'b=;');
  const signatureOk = createVerify('RSA-SHA256').update(data).verify(publicKey, String(tags.b), 'base64');
  return { bodyHashOk, signatureOk, signedHeaders };
}
