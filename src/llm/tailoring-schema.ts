import { z } from 'zod';
import { MAX_ITEMS_PER_EMAIL, TEXT_LIMITS } from './limits.js';

/** What the model must answer: an intro and, per chosen item, why it matters (and a summary when asked). */
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
    .min(1)
    .max(MAX_ITEMS_PER_EMAIL),
});
export type TailoringAnswer = z.infer<typeof tailoringAnswerSchema>;

/** The same schema as JSON Schema, for Ollama's `format` (the grammar that constrains the model's output). */
export function tailoringJsonSchema(): Record<string, unknown> {
  const schema: Record<string, unknown> = z.toJSONSchema(tailoringAnswerSchema);
  // Ollama converts the schema to a grammar; the meta-schema URL is noise to it.
  delete schema.$schema;
  return schema;
}
