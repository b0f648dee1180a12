import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const label = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((v) => !/[\r\n<>]/.test(v), 'no line breaks or angle brackets');

export const topicLabelsSchema = z.object({ en: label, es: label });

export const topicInputSchema = z.object({
  slug: slugSchema,
  labels: topicLabelsSchema,
  position: z.number().int().min(0).max(10_000).optional(),
});
export type TopicInput = z.infer<typeof topicInputSchema>;

export const topicPatchSchema = topicInputSchema.partial().extend({ labels: topicLabelsSchema.partial().optional() });
export type TopicPatch = z.infer<typeof topicPatchSchema>;

export const topicSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  labels: z.object({ en: z.string(), es: z.string() }),
  position: z.number().int(),
});
