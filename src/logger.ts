import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** One structured logger per process; Fastify uses the same instance. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
