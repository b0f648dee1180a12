import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * Validates a job's payload again where it is consumed. A payload that does not fit can never succeed,
 * so it fails with UnrecoverableError and BullMQ does not retry it.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`invalid ${what}: ${parsed.error.issues[0]?.message ?? 'bad payload'}`);
  return parsed.data;
}
