import { z } from 'zod';
import { MAX_NEW_PEOPLE } from '../jobs/digest-jobs.js';
import { MAX_ITEMS_PER_EMAIL, TEXT_LIMITS } from './limits.js';

/**
 * What the model must answer: an intro and, per chosen item, why it matters (and a summary when asked);
 * per new team member, a one-line welcome. Items may be empty only when none were offered (validateTailoring).
 */
export const tailoringAnswerSchema = z.object({
  intro: z.string().max(TEXT_LIMITS.intro),
  items: z
    .array(
      z.object({
        id: z.number().int(),
        summary: z.string().max(TEXT_LIMITS.summary).optional(),
        why: z.string().max(TEXT_LIMITS.why),
      }),
    )
    .max(MAX_ITEMS_PER_EMAIL),
  welcome: z
    .array(z.object({ id: z.number().int(), line: z.string().max(TEXT_LIMITS.welcome) }))
    .max(MAX_NEW_PEOPLE)
    .optional(),
});
export type TailoringAnswer = z.infer<typeof tailoringAnswerSchema>;

let jsonSchema: Record<string, unknown> | null = null;

/** The same schema as JSON Schema, for Ollama's `format` (the grammar that constrains the model's output); worked out once, a fresh copy each call. */
export function tailoringJsonSchema(): Record<string, unknown> {
  if (!jsonSchema) {
    jsonSchema = z.toJSONSchema(tailoringAnswerSchema) as Record<string, unknown>;
    // Ollama converts the schema to a grammar; the meta-schema URL is noise to it.
    delete jsonSchema.$schema;
  }
  return structuredClone(jsonSchema);
}
