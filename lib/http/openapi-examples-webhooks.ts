import type { OperationExample } from './openapi-examples';

// The webhook extension's examples (kept beside lib/http/openapi-examples.ts, which spreads them
// in): the admin subscribes the authentication bot to conversation.routed for its queue.

const WEBHOOK = '5f0c2a7e-31d4-4f8e-9a57-0d2b6c1e9a44';
const DELIVERY = '8b1e4d2c-6a3f-4c71-b0e9-2f5d7a9c3e18';
const EVENT = 'c3a9e6f1-7b2d-4e58-a1c4-9d0f2b6e8a73';
const CONVERSATION = '727c2771-18bb-4e6c-97f2-88f0a4f9d413';
const Q_AUTH_BOT = '59aa4af8-8e42-4616-865d-caad120d02ca';
const SETUP = '2025-03-03T09:00:00.000+0000';
const ROUTED = '2025-04-24T11:25:41.058+0000';
const DELIVERED = '2025-04-24T11:25:41.402+0000';

const body = { url: 'https://auth-bot.example.com/switchboard', events: ['conversation.routed'], queueIds: [Q_AUTH_BOT], enabled: true };
const webhook = { id: WEBHOOK, ...body, inboxIds: [], paused: false, consecutiveFailures: 0, createdAt: SETUP, updatedAt: SETUP };
const delivery = {
  id: DELIVERY,
  eventId: EVENT,
  eventType: 'conversation.routed',
  conversationId: CONVERSATION,
  sequence: 2,
  status: 'DELIVERED',
  attempts: 1,
  expiresAt: '2025-04-25T11:25:41.058+0000',
  deliveredAt: DELIVERED,
  lastStatusCode: 200,
  createdAt: ROUTED,
  attemptLog: [{ at: ROUTED, statusCode: 200, latencyMs: 344, responseExcerpt: 'ok' }],
};
const page = (totalItems: number, orderBy: string) => ({ totalItems, page: 0, limit: 10, orderBy });

export const WEBHOOK_EXAMPLES: Record<string, OperationExample> = {
  'get-webhooks': { response: { webhooks: [webhook], pagination: page(1, 'createdAt:asc') } },
  'create-webhook': {
    summary: 'The authentication bot hears of conversations routed to its queue',
    request: { body },
    response: { ...webhook, secret: 'whsec_3q2-7wEZbJ0u9mQ8sV1xYk4nR6tA5cL0pH2dF7gJ9eI' },
  },
  'get-webhook': { request: { params: { webhookId: WEBHOOK } }, response: webhook },
  'update-webhook': {
    summary: 'Resume a paused subscription',
    request: { params: { webhookId: WEBHOOK }, body: { ...body, enabled: true } },
    response: { ...webhook, updatedAt: DELIVERED },
  },
  'delete-webhook': { request: { params: { webhookId: WEBHOOK } }, response: { statusCode: 'SUCCESS', message: 'Webhook has been deleted.' } },
  'get-webhook-deliveries': { request: { params: { webhookId: WEBHOOK }, query: { status: 'DELIVERED' } }, response: { deliveries: [delivery], pagination: page(1, 'createdAt:desc') } },
  'redeliver-webhook-delivery': {
    request: { params: { webhookId: WEBHOOK, deliveryId: DELIVERY } },
    response: (({ deliveredAt: _d, ...d }) => ({ ...d, status: 'PENDING', nextAttemptAt: DELIVERED }))(delivery),
  },
  'redeliver-webhook-range': {
    summary: 'After the receiver was down for an hour',
    request: { params: { webhookId: WEBHOOK }, body: { from: '2025-04-24T10:00:00.000+0000', to: '2025-04-24T11:00:00.000+0000' } },
    response: { count: 12 },
  },
};
