import type { DigestsStrings } from '../strings/digests.js';
import type { PlanRequest } from '../../digests/digest-planner.js';
import { digestCreateSchema, planRequestOf } from '../../digests/digest-schema.js';
import { PERIOD_PATTERN, periodOf } from '../../digests/period.js';
import type { DigestCreateForm } from './digest-list-page.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 40) : '');

function dateOf(value: string): Date | null {
  if (!DATE.test(value)) return null;
  const d = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}

/**
 * Reads the create form (urlencoded strings, untrusted): a month, an optional window of whole days (the
 * end day included) and the dry-run box. Gives the form back with an error per field, or the plan request.
 */
export function readCreateForm(body: unknown, s: DigestsStrings['create'], now = new Date()): { form: DigestCreateForm; request: PlanRequest | null } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const form: DigestCreateForm = {
    period: text(raw.period),
    windowStart: text(raw.windowStart),
    windowEnd: text(raw.windowEnd),
    dryRun: raw.dryRun === 'on',
    errors: {},
  };
  if (form.period && !PERIOD_PATTERN.test(form.period)) form.errors.period = s.invalidPeriod;
  const start = form.windowStart ? dateOf(form.windowStart) : null;
  const end = form.windowEnd ? dateOf(form.windowEnd) : null;
  if (form.windowStart && !start) form.errors.windowStart = s.invalidDate;
  if (form.windowEnd && !end) form.errors.windowEnd = s.invalidDate;
  const endExclusive = end ? new Date(end.getTime() + DAY_MS - 1) : null;
  if (start && endExclusive && endExclusive <= start) form.errors.windowEnd = s.windowOrder;
  if (Object.keys(form.errors).length) return { form, request: null };
  const request = planRequestOf(
    digestCreateSchema.parse({
      period: form.period || periodOf(now),
      windowStart: start?.toISOString(),
      windowEnd: endExclusive?.toISOString(),
      dryRun: form.dryRun,
    }),
    now,
  );
  return { form, request };
}
