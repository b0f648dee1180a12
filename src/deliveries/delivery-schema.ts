import { z } from 'zod';
import { COMPOSERS, DELIVERY_STATUSES } from '../domain/statuses.js';

/** A delivery as the admin API shows it: no stored email (the preview route serves that). */
export const deliverySchema = z.object({
  id: z.number().int(),
  subscriberId: z.number().int().nullable(),
  email: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  composedWith: z.enum(COMPOSERS).nullable(),
  subject: z.string().nullable(),
  messageId: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  itemIds: z.array(z.number().int()),
  sentAt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

/** Which page of a digest's deliveries to list, optionally of one status. */
export const deliveriesQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** One page of a digest's deliveries and how many there are in all. */
export const deliveriesPageSchema = z.object({
  deliveries: z.array(deliverySchema),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
});
