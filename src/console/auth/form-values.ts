import { z } from 'zod';

/** A form field as text of at most `max` characters; missing, repeated or overlong reads as empty. */
export const formText = (max: number) => z.string().max(max).catch('');

/** A parsed urlencoded body, or an empty one for anything else (its fields then read as empty). */
export const formBody = (body: unknown): object => (body && typeof body === 'object' && !Array.isArray(body) ? body : {});
