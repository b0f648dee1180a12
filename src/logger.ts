import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

// A link's token is as good as the reader's password for their subscription; logs must not keep it.
const TOKEN_IN_PATH = /(\/(?:confirm|preferences|unsubscribe|data)\/)[^/?#]+/gi;

/** A URL as it may be logged: the token after /confirm/, /preferences/, /unsubscribe/ and /data/ replaced. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_IN_PATH, '$1[redacted]');
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

/** One structured logger per process; Fastify uses the same instance. `destination` is for tests. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: undefined, serializers: { req: serializeRequest } };
  return destination ? pino(options, destination) : pino(options);
}
