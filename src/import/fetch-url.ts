import http from 'node:http';
import https from 'node:https';
import { InvalidInputError } from '../errors.js';
import { guardedLookup, isPublicAddress, PRIVATE_REFUSED } from './safe-address.js';
import { tooLarge } from './read-input.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** What a URL answered: the bytes, the media type and the final URL after redirects. */
export interface Fetched {
  bytes: Buffer;
  mediaType: string;
  url: string;
}

const MAX_REDIRECTS = 5;

/** Parses and checks a URL to import: only http(s), and no private address literals unless allowed. */
export function checkImportUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidInputError(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError(`only http:// and https:// URLs can be imported, not ${url.protocol}//`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (/^[\d.]+$|:/.test(host) && !isPublicAddress(host)))) {
    throw new InvalidInputError(PRIVATE_REFUSED);
  }
  return url;
}

function timedOut(url: URL, limits: FetchLimits): InvalidInputError {
  return new InvalidInputError(`${url.href} did not answer within ${limits.timeoutMs} ms (IMPORT_TIMEOUT_MS)`);
}

function getOnce(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<{ status: number; location?: string; bytes?: Buffer; mediaType: string }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { lookup: guardedLookup(limits.allowPrivate), signal, headers: { 'user-agent': 'labdigest-import', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      const mediaType = String(res.headers['content-type'] ?? '');
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ status, location: res.headers.location, mediaType });
      }
      if (status !== 200) {
        res.resume();
        return reject(new InvalidInputError(`${url.href} answered HTTP ${status}`));
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > limits.maxBytes) {
        res.destroy();
        return reject(new InvalidInputError(`${url.href} is ${tooLarge(limits.maxBytes)}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Stop reading as soon as the limit is passed, whatever the server declared.
        if (size > limits.maxBytes) {
          res.destroy();
          reject(new InvalidInputError(`${url.href} is ${tooLarge(limits.maxBytes)}`));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, bytes: Buffer.concat(chunks), mediaType }));
      res.on('error', (err) => reject(signal.aborted ? timedOut(url, limits) : new InvalidInputError(`cannot fetch ${url.href}: ${err.message}`)));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPRIVATE') reject(new InvalidInputError(PRIVATE_REFUSED));
      else if (signal.aborted) reject(timedOut(url, limits));
      else reject(new InvalidInputError(`cannot fetch ${url.href}: ${err.message}`));
    });
  });
}

/** The absolute URL a Location header points to; a malformed one is the server's fault, said as such. */
function redirectTarget(location: string, from: URL): string {
  try {
    return new URL(location, from).href;
  } catch {
    throw new InvalidInputError(`${from.href} redirects to "${location.slice(0, 200)}", which is not a URL`);
  }
}

/** Downloads a URL to import, within the size and time limits, following a few redirects (each checked). */
export async function fetchImportUrl(raw: string, limits: FetchLimits): Promise<Fetched> {
  let url = checkImportUrl(raw, limits.allowPrivate);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await getOnce(url, limits, signal);
    if (res.bytes) return { bytes: res.bytes, mediaType: res.mediaType, url: url.href };
    url = checkImportUrl(redirectTarget(res.location!, url), limits.allowPrivate);
  }
  throw new InvalidInputError(`${raw} redirects more than ${MAX_REDIRECTS} times`);
}
