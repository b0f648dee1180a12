import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * VERP: each delivery's envelope sender is `<local>+<token>@<domain>` of BOUNCE_ADDRESS, the token being
 * `<delivery id in base 36>-<16 hex digits of HMAC>`. Only lower-case letters and digits, because some
 * MTAs lower-case the local part on the way back; the signature stops a stranger from naming a delivery.
 */
const TOKEN = /^([0-9a-z]{1,11})-([0-9a-f]{16})$/;

function signature(secretKey: string, id: string): string {
  // A purpose of its own, so a VERP signature is never a valid link token and the other way round.
  return createHmac('sha256', secretKey).update(`verp.${id}`).digest('hex').slice(0, 16);
}

function splitAddress(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** The envelope sender that names one delivery, under the bounce address. */
export function verpAddress(bounceAddress: string, secretKey: string, deliveryId: number): string {
  if (!Number.isSafeInteger(deliveryId) || deliveryId <= 0) throw new Error(`not a delivery id: ${deliveryId}`);
  const parts = splitAddress(bounceAddress.toLowerCase());
  if (!parts) throw new Error(`not an address: ${bounceAddress}`);
  const id = deliveryId.toString(36);
  return `${parts.local}+${id}-${signature(secretKey, id)}@${parts.domain}`;
}

/** The delivery a VERP address names, or null when it is another address, malformed or tampered with. */
export function parseVerp(address: string, bounceAddress: string, secretKey: string): number | null {
  if (typeof address !== 'string' || address.length > 254) return null;
  const given = splitAddress(address.trim().replace(/^<|>$/g, '').toLowerCase());
  const base = splitAddress(bounceAddress.toLowerCase());
  if (!given || !base || given.domain !== base.domain || !given.local.startsWith(`${base.local}+`)) return null;
  const match = TOKEN.exec(given.local.slice(base.local.length + 1));
  if (!match) return null;
  const [, id, sig] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(secretKey, id));
  if (!timingSafeEqual(Buffer.from(sig), expected)) return null;
  const deliveryId = parseInt(id, 36);
  return Number.isSafeInteger(deliveryId) && deliveryId > 0 ? deliveryId : null;
}
