import { z } from 'zod';

/**
 * Fields of the console's list filters, as GET forms send them: a value that makes no sense is simply
 * no filter (or the first page), never an error page.
 */

/** Free text; empty is no filter. */
export const filterText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => v?.trim() || undefined)
    .catch(undefined);

/** The page of a list, from 1. */
export const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);
