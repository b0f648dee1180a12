import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type Logger = PinoLogger;

// A link's token is as good as the reader's password for their subscription; logs must not keep it.
const TOKEN_IN_PATH = /(\/(?:confirm|preferences|unsubscribe|data)\/)[^/?#]+/gi;

// A console upload carries its CSRF token in the query string (src/console/auth/upload-form.ts).
const CSRF_IN_QUERY = /([?&]_csrf=)[^&#]*/gi;

/** A URL as it may be logged: the token after /confirm/, /preferences/, /unsubscribe/ and /data/ replaced. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[redacted]').replace(CSRF_IN_QUERY, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/** Fastify's request serializer (same fields) with the URL redacted; ours replaces Fastify's default. */
function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    version: req.headers?.['accept-version'],
    host: req.host ?? req.headers?.host,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  };
}

export type LogFormat = 'auto' | 'pretty' | 'json';

/** Readable lines for a person at a terminal; JSON lines for anything that collects logs. */
function wantsPretty(format: LogFormat, stream: DestinationStream): boolean {
  return format === 'pretty' || (format === 'auto' && (stream as { isTTY?: boolean }).isTTY === true);
}

/**
 * One structured logger per process; Fastify uses the same instance. It writes to standard output unless
 * given another stream (the command line logs to stderr; tests collect lines). `auto` prints readable
 * lines when that stream is a terminal and JSON lines otherwise.
 */
export function createLogger(level: string, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  const options = { level, base: undefined, serializers: { req: serializeRequest } };
  if (wantsPretty(format, destination ?? process.stdout)) {
    // Synchronous on purpose: a line logged just before a crash must not be lost, and the volume is low.
    return pino(options, PinoPretty({ destination: destination ?? 1, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  }
  return destination ? pino(options, destination) : pino(options);
}
