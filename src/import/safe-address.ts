import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** True for an address on the public internet (not private, loopback, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

/** The message when a URL resolves to an address imports may not reach. */
export const PRIVATE_REFUSED = 'refusing to fetch from a private, loopback or link-local address (set IMPORT_ALLOW_PRIVATE=true to allow)';

/**
 * A DNS lookup for http.request that checks every address it resolves, at connect time, so a name that
 * re-resolves to a private address between a check and the connection is still refused.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(Object.assign(new Error(PRIVATE_REFUSED), { code: 'EPRIVATE' }));
      }
      if ((options as { all?: boolean }).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      return callback(null, first.address, first.family);
    });
  }) as LookupFunction;
}
