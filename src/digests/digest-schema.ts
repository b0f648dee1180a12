import { z } from 'zod';
import { DIGEST_STATUSES } from '../domain/statuses.js';
import type { PlanRequest } from './digest-planner.js';
import { PERIOD_PATTERN, periodOf } from './period.js';

export const digestCreateSchema = z
  .object({
    period: z.string().regex(PERIOD_PATTERN, 'a month like 2026-11').optional(),
    windowStart: z.iso.datetime({ offset: true }).optional(),
    windowEnd: z.iso.datetime({ offset: true }).optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();

/** What a create request asks the planner for: this month unless a period is given. */
export function planRequestOf(body: z.infer<typeof digestCreateSchema>, now = new Date()): PlanRequest {
  return {
    period: body.period ?? periodOf(now),
    windowStart: body.windowStart ? new Date(body.windowStart) : undefined,
    windowEnd: body.windowEnd ? new Date(body.windowEnd) : undefined,
    dryRun: body.dryRun,
  };
}

export const digestSchema = z.object({
  id: z.number().int(),
  period: z.string(),
  status: z.enum(DIGEST_STATUSES),
  dryRun: z.boolean(),
  windowStart: z.string(),
  windowEnd: z.string(),
  model: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Planned with REVIEW_REQUIRED: nothing is sent before an admin approves it. */
  reviewRequired: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** Model lines replaced by the item's own text for failing the grounding check. */
  groundingReplaced: z.number().int(),
  pausedReason: z.string().nullable(),
  counts: z.object({
    items: z.number().int(),
    planned: z.number().int(),
    skipped: z.number().int(),
    profiles: z.number().int(),
    /** Profiles the model wrote, and profiles the fallback composer wrote (the model down, slow or refused). */
    profilesWithLlm: z.number().int(),
    profilesWithoutLlm: z.number().int(),
    llmCalls: z.number().int(),
    /** Emails (one per reader) whose text the model wrote, and those the fallback wrote. */
    composedWithLlm: z.number().int(),
    composedWithoutLlm: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    waiting: z.number().int(),
    /** Deliveries a later bounce (5.x.x / 4.x.x) or a complaint was about. */
    hardBounces: z.number().int(),
    softBounces: z.number().int(),
    complaints: z.number().int(),
  }),
});
export type DigestView = z.infer<typeof digestSchema>;
