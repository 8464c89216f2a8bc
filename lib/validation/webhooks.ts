import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';
import { dateTimeSchema, idSchema, orderBySchema, paginationSchema } from './common';

// Webhook subscriptions (issue 16): one source of truth for the API, the console form and the domain.

export const webhookUrlSchema = z
  .string({ message: 'Expected a URL.' })
  .trim()
  .max(2000, 'At most 2000 characters.')
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'Expected an http:// or https:// URL.')
  .refine((s) => {
    try {
      const u = new URL(s);
      return !u.username && !u.password;
    } catch {
      return true;
    }
  }, 'Put no user name or password in the URL: every request is signed with the secret instead.');

const eventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `Expected one of ${WEBHOOK_EVENT_TYPES.join(', ')}.` }))
  .min(1, 'Choose at least one event type.')
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((a) => [...new Set(a)]);

const idList = z
  .array(idSchema)
  .max(100, 'At most 100 ids.')
  .nullish()
  .transform((a) => [...new Set(a ?? [])]);

const fields = {
  url: webhookUrlSchema,
  events: eventsSchema,
  inboxIds: idList,
  queueIds: idList,
  enabled: z.boolean({ message: 'Expected true or false.' }).nullish().transform((v) => v ?? true),
};

// What a client read and sends back (PUT) is accepted; these are ignored.
const readOnly = {
  id: z.unknown().optional(),
  createdAt: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
  paused: z.unknown().optional(),
  pausedAt: z.unknown().optional(),
  pauseReason: z.unknown().optional(),
  consecutiveFailures: z.unknown().optional(),
};

export const createWebhookSchema = z.strictObject({ ...fields, ...readOnly });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const webhookRefSchema = z.object({ webhookId: idSchema });
export type WebhookRef = z.output<typeof webhookRefSchema>;

/** PUT: the whole subscription; inboxIds and queueIds left out mean no filter; enabled left out means true. Enabling resumes a paused one. */
export const updateWebhookSchema = z.strictObject({ ...fields, ...readOnly, webhookId: idSchema });
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const WEBHOOK_ORDER_FIELDS = ['createdAt', 'url'] as const;
export const webhookListQuerySchema = z.object({ ...paginationSchema, orderBy: orderBySchema(WEBHOOK_ORDER_FIELDS, 'createdAt:asc') });
export type WebhookListQuery = z.output<typeof webhookListQuerySchema>;

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const deliveryListQuerySchema = z.object({
  webhookId: idSchema,
  ...paginationSchema,
  status: z.enum(DELIVERY_STATUSES, { message: 'Expected PENDING, DELIVERED or FAILED.' }).optional(),
});
export type DeliveryListQuery = z.output<typeof deliveryListQuerySchema>;

export const redeliverSchema = z.object({ webhookId: idSchema, deliveryId: idSchema });
export type RedeliverInput = z.output<typeof redeliverSchema>;

// from ≤ to is checked by the domain (redeliverRange): the OpenAPI builder omits path keys, which a refined object cannot do.
export const redeliverRangeSchema = z.strictObject({ webhookId: idSchema, from: dateTimeSchema, to: dateTimeSchema });
export type RedeliverRangeInput = z.output<typeof redeliverRangeSchema>;
