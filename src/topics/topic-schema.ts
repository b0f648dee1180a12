import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/languages.js';

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

/** A label per language. */
export type TopicLabels = Record<Language, string>;

/**
 * Labels as an admin or a topics file gives them: the default language's is required, the others may be
 * left out and take it (a language added later has no labels in files written before it).
 */
export const topicLabelsSchema = z
  .object(Object.fromEntries(LANGUAGES.map((l) => [l, l === DEFAULT_LANGUAGE ? label : label.optional()])) as Record<Language, typeof label>)
  .transform((given): TopicLabels => withEveryLanguage(given));

/** Fills the languages a label set lacks with the default language's label. */
export function withEveryLanguage(given: Partial<TopicLabels> & Pick<TopicLabels, typeof DEFAULT_LANGUAGE>): TopicLabels {
  return Object.fromEntries(LANGUAGES.map((l) => [l, given[l] ?? given[DEFAULT_LANGUAGE]])) as TopicLabels;
}

const labelsPatchSchema = z.object(Object.fromEntries(LANGUAGES.map((l) => [l, label.optional()])) as Record<Language, z.ZodOptional<typeof label>>);

export const topicInputSchema = z.object({
  slug: slugSchema,
  labels: topicLabelsSchema,
  position: z.number().int().min(0).max(10_000).optional(),
  /** Kept for the readers who chose it, but not offered on the public form. */
  hidden: z.boolean().optional(),
});
export type TopicInput = z.infer<typeof topicInputSchema>;

export const topicPatchSchema = topicInputSchema.partial().extend({ labels: labelsPatchSchema.optional() });
export type TopicPatch = z.infer<typeof topicPatchSchema>;

export const topicSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  // Optional per language: a topic stored before a language was added has no label in it yet.
  labels: z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().optional()])) as Record<Language, z.ZodOptional<z.ZodString>>),
  position: z.number().int(),
  hidden: z.boolean(),
});

/** A topic's label in a language; a topic stored before that language was added shows its default label. */
export function topicLabel(topic: { slug: string; labels: Partial<TopicLabels> }, language: Language): string {
  return topic.labels[language] ?? topic.labels[DEFAULT_LANGUAGE] ?? topic.slug;
}
