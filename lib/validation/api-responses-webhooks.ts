import { z } from 'zod';
import { API_TIMESTAMP, apiPaginationSchema, apiResponseRegistry } from './api-responses';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';
import { DELIVERY_STATUSES } from './webhooks';

// The answers of the webhook extension, as lib/http/webhook-mapper.ts writes them.

const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });
const id = z.string().min(1).max(255);

const webhookFields = {
  id,
  url: z.string().min(1).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  inboxIds: z.array(id).meta({ description: 'Only conversation events of these inboxes (empty: all).' }),
  queueIds: z.array(id).meta({ description: 'Only conversation events of conversations in these queues (empty: all).' }),
  enabled: z.boolean(),
  paused: z.boolean().meta({ description: 'The worker paused it after failing deliveries; enable it again (PUT with enabled: true) to resume.' }),
  pausedAt: timestamp.optional(),
  pauseReason: z.string().optional(),
  consecutiveFailures: z.number().int().min(0),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const apiWebhookSchema = z
  .strictObject(webhookFields)
  .meta({ description: 'Extension: a webhook subscription (its secret is shown only when it is created).' })
  .register(apiResponseRegistry, { id: 'WebhookApiResponse' });

export const apiCreatedWebhookSchema = z
  .strictObject({ ...webhookFields, secret: z.string().meta({ description: 'Signs every request (Switchboard-Signature). Shown this once: store it now.' }) })
  .meta({ description: 'Extension: the new webhook subscription, with its secret.' })
  .register(apiResponseRegistry, { id: 'CreatedWebhookApiResponse' });

export const apiWebhookPageSchema = z
  .strictObject({ webhooks: z.array(apiWebhookSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of webhook subscriptions.' })
  .register(apiResponseRegistry, { id: 'WebhookResultPage' });

const attemptSchema = z.strictObject({
  at: timestamp,
  statusCode: z.number().int().optional().meta({ description: 'The receiver’s HTTP status; absent when no answer came (refused target, timeout, network error).' }),
  latencyMs: z.number().int().min(0),
  error: z.string().optional(),
  responseExcerpt: z.string().optional().meta({ description: 'The first 1000 bytes of the answer.' }),
});

export const apiDeliverySchema = z
  .strictObject({
    id,
    eventId: id,
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    conversationId: id.optional(),
    sequence: z.number().int().optional(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int().min(0),
    nextAttemptAt: timestamp.optional(),
    expiresAt: timestamp.meta({ description: 'Retries stop here and the delivery is FAILED.' }),
    deliveredAt: timestamp.optional(),
    lastStatusCode: z.number().int().optional(),
    lastError: z.string().optional(),
    createdAt: timestamp,
    attemptLog: z.array(attemptSchema).meta({ description: 'The latest attempts, newest first (at most 10).' }),
  })
  .meta({ description: 'Extension: one event for one subscription, with its attempts.' })
  .register(apiResponseRegistry, { id: 'WebhookDeliveryApiResponse' });

export const apiDeliveryPageSchema = z
  .strictObject({ deliveries: z.array(apiDeliverySchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of deliveries, newest first.' })
  .register(apiResponseRegistry, { id: 'WebhookDeliveryResultPage' });

export const apiRedeliveredRangeSchema = z
  .strictObject({ count: z.number().int().min(0) })
  .meta({ description: 'How many deliveries will be sent again.' })
  .register(apiResponseRegistry, { id: 'WebhookRedeliveryApiResponse' });
