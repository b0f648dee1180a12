import { BOUNCE_LIMITS } from './bounce-limits.js';

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+/g;
const MESSAGE_ID = /<[^<>\s]{1,250}@[^<>\s]{1,250}>/g;

/** The addresses written in a header value or a report field (`rfc822; a@b`, `Name <a@b>`), lower-cased. */
export function addressesIn(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...value.slice(0, 4096).matchAll(ADDRESS)].map((m) => m[0].toLowerCase()).slice(0, BOUNCE_LIMITS.maxCandidates);
}

/** The first address in a value, or null. */
export function firstAddress(value: string | null | undefined): string | null {
  return addressesIn(value)[0] ?? null;
}

/** The message ids (`<...@...>`) in a header value such as References, in order. */
export function messageIdsIn(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...value.slice(0, 8192).matchAll(MESSAGE_ID)].map((m) => m[0]).slice(0, BOUNCE_LIMITS.maxCandidates);
}

/** Distinct values in first-seen order, at most the candidate limit. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].slice(0, BOUNCE_LIMITS.maxCandidates);
}
