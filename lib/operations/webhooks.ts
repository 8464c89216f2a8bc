import { listDeliveries, redeliver, redeliverRange } from '../domain/webhook-deliveries';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from '../domain/webhooks';
import { pagination } from '../http/format';
import { apiCreatedWebhook, apiDelivery, apiWebhook } from '../http/webhook-mapper';
import { apiStatusSchema } from '../validation/api-responses';
import {
  apiCreatedWebhookSchema,
  apiDeliveryPageSchema,
  apiDeliverySchema,
  apiRedeliveredRangeSchema,
  apiWebhookPageSchema,
  apiWebhookSchema,
} from '../validation/api-responses-webhooks';
import { createWebhookSchema, deliveryListQuerySchema, redeliverRangeSchema, redeliverSchema, updateWebhookSchema, webhookListQuerySchema, webhookRefSchema } from '../validation/webhooks';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';
import { operation } from './operation';

// Extension beyond the Infobip reference (SPEC §5, issue 16): signed webhooks, admins only. How a
// request looks and how to verify it is in the document's Webhooks tag (lib/http/openapi.ts).

const EXTENSION = 'Extension (not in the Infobip reference):';
const WH = '/ccaas/1/webhooks';
const tag = 'Webhooks' as const;
const FIELDS =
  `url (http or https; private and loopback addresses are refused), events (one or more of ${WEBHOOK_EVENT_TYPES.join(', ')}), ` +
  'inboxIds and queueIds (optional: only conversation events of those inboxes or queues), enabled (default true).';

export const listWebhooksOp = operation({
  name: 'webhooks.list',
  permission: 'webhooks.manage',
  input: webhookListQuerySchema,
  run: ({ db, actor }, q) => listWebhooks(db, actor, q),
  http: {
    method: 'get', path: WH, operationId: 'get-webhooks', tag, summary: 'List webhook subscriptions',
    description: `${EXTENSION} ordered by createdAt unless orderBy says otherwise (createdAt or url). Secrets are never listed.`,
    from: 'query',
    response: { schema: apiWebhookPageSchema, description: 'One page of subscriptions.' },
    respond: (page) => ({ webhooks: page.webhooks.map(apiWebhook), pagination: pagination(page) }),
    errors: [400, 401, 403],
  },
});

export const createWebhookOp = operation({
  name: 'webhooks.create',
  permission: 'webhooks.manage',
  input: createWebhookSchema,
  run: ({ db, actor }, input) => createWebhook(db, actor, input),
  http: {
    method: 'post', path: WH, operationId: 'create-webhook', tag, summary: 'Create a webhook subscription',
    description: `${EXTENSION} ${FIELDS} The answer carries the secret that signs every request: it is shown this once.`,
    from: 'body', bodyId: 'WebhookApiRequest',
    response: { schema: apiCreatedWebhookSchema, description: 'The new subscription with its secret.' },
    respond: apiCreatedWebhook,
    errors: [400, 401, 403],
  },
});

export const getWebhookOp = operation({
  name: 'webhooks.get',
  permission: 'webhooks.manage',
  input: webhookRefSchema,
  run: ({ db, actor }, input) => getWebhook(db, actor, input),
  http: {
    method: 'get', path: `${WH}/{webhookId}`, operationId: 'get-webhook', tag, summary: 'Get a webhook subscription',
    description: `${EXTENSION} paused says whether the worker stopped sending after repeated failures (pauseReason says why).`,
    response: { schema: apiWebhookSchema, description: 'The subscription.' },
    respond: apiWebhook,
    errors: [401, 403, 404],
  },
});

export const updateWebhookOp = operation({
  name: 'webhooks.update',
  permission: 'webhooks.manage',
  input: updateWebhookSchema,
  run: ({ db, actor }, input) => updateWebhook(db, actor, input),
  http: {
    method: 'put', path: `${WH}/{webhookId}`, operationId: 'update-webhook', tag, summary: 'Replace a webhook subscription',
    description:
      `${EXTENSION} the whole subscription: ${FIELDS} The secret stays. enabled: true resumes a paused subscription (its pending deliveries go out). ` +
      'Read-only fields sent back are ignored.',
    from: 'body', bodyId: 'UpdateWebhookApiRequest',
    response: { schema: apiWebhookSchema, description: 'The subscription after the change.' },
    respond: apiWebhook,
    errors: [400, 401, 403, 404],
  },
});

export const deleteWebhookOp = operation({
  name: 'webhooks.delete',
  permission: 'webhooks.manage',
  input: webhookRefSchema,
  run: async ({ db, actor }, input) => {
    await deleteWebhook(db, actor, input);
    return input;
  },
  http: {
    method: 'delete', path: `${WH}/{webhookId}`, operationId: 'delete-webhook', tag, summary: 'Delete a webhook subscription',
    description: `${EXTENSION} its delivery log goes with it; nothing more is sent to it.`,
    response: { schema: apiStatusSchema, description: 'The subscription is gone.' },
    respond: () => ({ statusCode: 'SUCCESS', message: 'Webhook has been deleted.' }),
    errors: [401, 403, 404],
  },
});

export const listDeliveriesOp = operation({
  name: 'webhooks.deliveries',
  permission: 'webhooks.manage',
  input: deliveryListQuerySchema,
  run: ({ db, actor }, q) => listDeliveries(db, actor, q),
  http: {
    method: 'get', path: `${WH}/{webhookId}/deliveries`, operationId: 'get-webhook-deliveries', tag, summary: 'List a subscription’s deliveries',
    description: `${EXTENSION} newest first, optionally only one status; each with its latest attempts (status, latency, the start of the answer).`,
    from: 'query',
    response: { schema: apiDeliveryPageSchema, description: 'One page of deliveries.' },
    respond: (page) => ({ deliveries: page.deliveries.map(apiDelivery), pagination: pagination(page) }),
    errors: [400, 401, 403, 404],
  },
});

export const redeliverOp = operation({
  name: 'webhooks.redeliver',
  permission: 'webhooks.manage',
  input: redeliverSchema,
  run: ({ db, actor }, input) => redeliver(db, actor, input),
  http: {
    method: 'post', path: `${WH}/{webhookId}/deliveries/{deliveryId}/redeliver`, operationId: 'redeliver-webhook-delivery', tag, summary: 'Redeliver one event',
    description: `${EXTENSION} sends the delivery’s event again soon, with the same event id (receivers dedupe on Switchboard-Event-Id) and 24 hours of retries.`,
    response: { schema: apiDeliverySchema, description: 'The delivery, pending again.' },
    respond: apiDelivery,
    errors: [401, 403, 404],
  },
});

export const redeliverRangeOp = operation({
  name: 'webhooks.redeliverRange',
  permission: 'webhooks.manage',
  input: redeliverRangeSchema,
  run: ({ db, actor }, input) => redeliverRange(db, actor, input),
  http: {
    method: 'post', path: `${WH}/{webhookId}/redeliver`, operationId: 'redeliver-webhook-range', tag, summary: 'Redeliver a time range',
    description: `${EXTENSION} sends again every event of this subscription created from \`from\` to \`to\` (inclusive), e.g. after an outage of the receiver.`,
    from: 'body', bodyId: 'WebhookRedeliverRangeApiRequest',
    response: { schema: apiRedeliveredRangeSchema, description: 'How many deliveries are pending again.' },
    respond: (r) => r,
    errors: [400, 401, 403, 404],
  },
});
