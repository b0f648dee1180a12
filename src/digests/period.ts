import { InvalidInputError } from '../errors.js';

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The period (YYYY-MM, UTC) that contains the given moment. */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Parses YYYY-MM into its year and month (1-12), or throws a 400. */
export function parsePeriod(period: string): { year: number; month: number } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new InvalidInputError(`Period must look like 2026-11, not "${period}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** Midnight UTC of the first day of the month before the period: where a first digest starts. */
export function firstDigestStart(period: string): Date {
  const { year, month } = parsePeriod(period);
  return new Date(Date.UTC(year, month - 2, 1));
}
