// One request and one response example per HTTP operation, keyed by operationId, so that no
// operation file needs editing. lib/http/openapi.ts puts them into the document (parameter
// `example`s, request body and 200 response `examples`) and the API reference page shows them as a
// curl line and a JSON answer. lib/http/openapi-examples.test.ts checks every example against the
// document's schemas (strict) and the operations' input parsers, and that none is missing.
//
// The values tell one story from the demo seed: Lena Hoffmann writes on "WhatsApp DE" that she
// cannot log in to her account; the route "WhatsApp account questions → Authentication bot" takes
// the conversation; the bot tags strong_auth and sends it back to routing; "Verified customers"
// matches and Dara Okafor gets it; Ana Alvarez leaves a note.

import { WEBHOOK_EXAMPLES } from './openapi-examples-webhooks';

export type OperationExample = {
  /** A few words naming the example (the key of the document's named examples). */
  summary?: string;
  request?: {
    /** A value for every `{param}` of the path. */
    params?: Record<string, string>;
    /** Query parameters as they are written in the URL (lists comma-separated). */
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: unknown;
  };
  /** The 200 answer's body. */
  response: unknown;
};

// Ids, as the seed writes them (random uuids).
const CONVERSATION = '727c2771-18bb-4e6c-97f2-88f0a4f9d413';
const CUSTOMER = '28b3d280-6b52-43ce-a530-beda534390e1';
const ANA = 'e6d8f3b4-5a9a-4137-8344-8ee9bea535a1';
const DARA = 'b4dd63bc-4029-4437-a7e5-68e5ab77184c';
const BEN = 'c6f19ff5-c97f-46a5-b110-75a9b6f4bc1a';
const NEW_AGENT = '0a617682-859a-4371-a412-ee08fb0725c9';
const API_KEY = '79a365db-eb7c-4d82-8f80-4e991c1f8a72';
const Q_VERIFIED = 'a193f817-7af3-4933-99f8-b6124073f21a';
const Q_GENERAL = 'e57079be-e505-4dad-992e-203c701a35b1';
const Q_AUTH_BOT = '59aa4af8-8e42-4616-865d-caad120d02ca';
const Q_RETURNS = 'f561afc5-b021-4714-878b-786e349d9c2d';
const INBOX_WHATSAPP = '25d44b84-7750-4d46-8883-c994b0f2351c';
const TAG_STRONG_AUTH = '9d7f0fd8-3669-4547-85ab-cf50fdc9a351';
const TAG_VIP = '091fa03b-3e4e-4c57-bbc0-e299a965dad6';
const MESSAGE_IN = '4769bfff-a8db-4bcc-a1e9-c0284c66180c';
const MESSAGE_OUT = 'cd4142ec-51a1-4a34-a57f-1b2d3b5c6543';
const NOTE = '304750e5-2732-4e34-a0fa-6dad087b3239';
const ROUTE_VERIFIED = 'e51bb9a4-21be-4ffd-a71c-f7b4d3873b22';
const ROUTE_AUTH_BOT = '363cdb57-267d-4b9b-ac81-0c1aae6fe0c9';
const ROUTE_BILLING = 'b08342e5-eea2-4833-ad8a-c4be5d6457f1';
const WORKING_HOURS = 'ae8872a3-7041-443e-9afc-8ce624bc33ca';
const HOLIDAY_MAY = 'a4af0d37-f299-486e-b172-65130029cab3';
const HOLIDAY_XMAS = '53a367ad-79a9-4f1b-b398-2fab38309a1b';

// Times: set-up of the workspace, Lena's first message, and the changes after it.
const SETUP = '2025-03-03T09:00:00.000+0000';
const CREATED = '2025-04-24T11:25:41.058+0000';
const ROUTED = '2025-04-24T11:27:03.417+0000';
const LATER = '2025-04-24T11:31:12.902+0000';

const LENA_PHONE = '+49 151 23456789';

const conversation = {
  id: CONVERSATION,
  topic: 'Cannot log in to my account',
  status: 'OPEN',
  priority: 'HIGH',
  queueId: Q_VERIFIED,
  agentId: DARA,
  channel: 'WHATSAPP',
  inboxId: INBOX_WHATSAPP,
  customerId: CUSTOMER,
  tags: ['strong_auth'],
  createdAt: CREATED,
  updatedAt: ROUTED,
};

/** A copy without some fields (the API leaves out fields without a value, never null). */
function omit<T extends object>(o: T, ...keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k as keyof T))) as Partial<T>;
}

const page = (totalItems: number, limit: number, orderBy: string, p = 0) => ({ totalItems, page: p, limit, orderBy });

const ok = (message: string) => ({ statusCode: 'SUCCESS', message });

const tag = (id: string, name: string) => ({ id, name, createdAt: SETUP, updatedAt: SETUP });

const VERIFIED_EXPRESSION = { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $hasTag: { tags: 'strong_auth' } }] };
const AUTH_BOT_EXPRESSION = { $and: [{ $eq: { 'message.channel': 'WHATSAPP' } }, { $contains: { 'message.text': 'account' } }] };
const BILLING_EXPRESSION = { $or: [{ $contains: { 'message.text': 'invoice' } }, { $contains: { 'message.text': 'refund' } }] };

const route = (id: string, order: number, name: string, expression: unknown, queueId: string, queueName: string, priority?: string) => ({
  id,
  order,
  name,
  enabled: true,
  expression,
  queueId,
  queueName,
  ...(priority && { priority }),
  routeOnlyDuringWorkingHours: false,
  isPrivate: false,
  createdAt: SETUP,
  updatedAt: SETUP,
});

// The policy of a queue nobody has tuned: Switchboard's defaults (round robin, on).
const DEFAULT_POLICY = {
  isAutoAssignmentEnabled: true,
  autoAssignmentAlgorithm: 'ROUND_ROBIN',
  isAutoAssignmentOutsideOfWorkingHoursEnabled: false,
  isStickyAutoAssignmentEnabled: false,
  stickyAgentTimeoutDays: 7,
};

const queue = (id: string, name: string, agents: number, routes: number, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  isDefault: false,
  ...DEFAULT_POLICY,
  ...extra,
  isPrivate: false,
  enabledAgentsCount: agents,
  enabledRoutesCount: routes,
  createdAt: SETUP,
  updatedAt: SETUP,
});

const agent = (id: string, displayName: string, email: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName,
  status: 'ACTIVE',
  availability: 'ACTIVE',
  role: 'AGENT',
  admin: false,
  enabled: true,
  email,
  capacity: null,
  createdAt: SETUP,
  updatedAt: LATER,
  ...extra,
});

const day = (enabled: boolean, startTime = 480, endTime = 1080) => ({ startTime, endTime, enabled });
const WORK_WEEK = {
  MONDAY: day(true),
  TUESDAY: day(true),
  WEDNESDAY: day(true),
  THURSDAY: day(true),
  FRIDAY: day(true, 480, 960),
  SATURDAY: day(false, 0, 0),
  SUNDAY: day(false, 0, 0),
};
const AWAY_MESSAGE = 'We’re closed right now. We answer Monday to Friday from 8:00 (Berlin time) and will get back to you then.';
const workingHoursBody = {
  name: 'Berlin office hours',
  timezone: 'Europe/Berlin',
  message: AWAY_MESSAGE,
  workWeek: WORK_WEEK,
  enabled: true,
  isDefault: true,
  closeConversations: false,
  sendAwayMessageEveryOOWHPeriod: false,
  holidays: [
    { name: 'Labour Day', startDate: '2025-05-01', endDate: '2025-05-01' },
    { name: 'Christmas', startDate: '2025-12-24', endDate: '2025-12-26' },
  ],
};
const workingHours = {
  id: WORKING_HOURS,
  ...workingHoursBody,
  holidays: [
    { id: HOLIDAY_MAY, workingHoursId: WORKING_HOURS, name: 'Labour Day', startDate: '2025-05-01', endDate: '2025-05-01', enabled: true },
    { id: HOLIDAY_XMAS, workingHoursId: WORKING_HOURS, name: 'Christmas', startDate: '2025-12-24', endDate: '2025-12-26', enabled: true },
  ],
  createdAt: SETUP,
  updatedAt: LATER,
};

const customer = {
  id: CUSTOMER,
  name: 'Lena Hoffmann',
  email: 'lena.hoffmann@example.org',
  phone: LENA_PHONE,
  country: 'DE',
  attributes: { tier: 'gold', authLevel: 'strong' },
  createdAt: CREATED,
  updatedAt: LATER,
};

const inbox = (id: string, name: string, channel: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  channel,
  isDefault: false,
  autoAssign: true,
  reassignOnOffline: true,
  ...extra,
  createdAt: SETUP,
  updatedAt: SETUP,
});

const inConversation = { conversationId: CONVERSATION };

export const OPERATION_EXAMPLES: Record<string, OperationExample> = {
  // Conversations
  'get-conversations': {
    summary: 'Open and waiting conversations in one queue',
    request: { query: { status: 'OPEN,WAITING', queueIds: Q_VERIFIED, orderBy: 'updatedAt:desc', limit: '20' } },
    response: { conversations: [conversation], pagination: page(1, 20, 'updatedAt:desc') },
  },
  'create-conversation': {
    summary: 'A WhatsApp conversation with its customer and first message',
    request: {
      headers: { 'Idempotency-Key': '01029979-92fa-4605-8db6-87436d96bec6' },
      body: {
        topic: 'Cannot log in to my account',
        channel: 'WHATSAPP',
        inboxId: INBOX_WHATSAPP,
        customer: { email: 'lena.hoffmann@example.org', phone: LENA_PHONE, name: 'Lena Hoffmann', country: 'DE', attributes: { tier: 'gold' } },
        message: { text: 'Hi, I cannot log in to my account since this morning.', from: LENA_PHONE },
      },
    },
    // Routed by "WhatsApp account questions → Authentication bot": a bot queue, no agent.
    response: { ...omit(conversation, 'agentId'), priority: 'NORMAL', queueId: Q_AUTH_BOT, tags: [], updatedAt: CREATED },
  },
  'get-conversation': {
    request: { params: inConversation },
    response: conversation,
  },
  'update-conversation': {
    summary: 'Every property, as read back',
    request: {
      params: inConversation,
      body: { topic: 'Cannot log in to my account', summary: 'Password reset mails were caught by the spam filter.', status: 'WAITING', priority: 'HIGH', queueId: Q_VERIFIED, agentId: DARA },
    },
    response: { ...conversation, summary: 'Password reset mails were caught by the spam filter.', status: 'WAITING', updatedAt: LATER },
  },
  'patch-conversation': {
    summary: 'Solve it with a summary',
    request: { params: inConversation, body: { status: 'SOLVED', summary: 'Password reset mails were caught by the spam filter; the customer whitelisted our sender.' } },
    response: { ...conversation, status: 'SOLVED', summary: 'Password reset mails were caught by the spam filter; the customer whitelisted our sender.', updatedAt: LATER },
  },
  'change-conversation-assignment': {
    request: { params: inConversation, body: { agentId: ANA } },
    response: { ...conversation, agentId: ANA, updatedAt: LATER },
  },
  'unassign-conversation-agent': {
    request: { params: inConversation },
    response: { ...omit(conversation, 'agentId'), updatedAt: LATER },
  },

  // Tags
  'add-conversation-tag': {
    summary: 'The bot marks strong authentication done',
    request: { params: inConversation, body: { tagName: 'strong_auth' } },
    response: ok('Tag strong_auth added.'),
  },
  'delete-conversation-tag': {
    request: { params: { ...inConversation, tagName: 'strong_auth' } },
    response: ok('Tag strong_auth removed.'),
  },
  'get-tags': {
    summary: 'Tags whose name contains "auth"',
    request: { query: { name: 'auth', limit: '20' } },
    response: { tags: [tag(TAG_STRONG_AUTH, 'strong_auth')], pagination: page(1, 20, 'name:asc') },
  },
  'create-tag': {
    request: { body: { name: 'vip' } },
    response: tag(TAG_VIP, 'vip'),
  },
  'delete-tags': {
    request: { params: { tagName: 'churn-risk' } },
    response: ok('Tag deleted successfully.'),
  },

  // Messages
  'get-messages': {
    request: { params: inConversation, query: { orderBy: 'createdAt:asc', limit: '20' } },
    response: {
      messages: [
        {
          id: MESSAGE_IN, conversationId: CONVERSATION, direction: 'INBOUND', channel: 'WHATSAPP', from: LENA_PHONE, authorType: 'CUSTOMER',
          contentType: 'TEXT', content: { text: 'Hi, I cannot log in to my account since this morning.' }, attributes: {}, createdAt: CREATED, updatedAt: CREATED,
        },
        {
          id: MESSAGE_OUT, conversationId: CONVERSATION, direction: 'OUTBOUND', channel: 'WHATSAPP', to: LENA_PHONE, authorId: DARA, authorType: 'AGENT',
          contentType: 'TEXT', content: { text: 'Hello Lena, thanks for verifying. I have sent you a new reset link.' }, attributes: {}, createdAt: LATER, updatedAt: LATER,
        },
      ],
      pagination: page(2, 20, 'createdAt:asc'),
    },
  },
  'create-message': {
    summary: 'A bot answers on WhatsApp',
    request: {
      params: inConversation,
      headers: { 'Idempotency-Key': 'auth-bot-reply-7f3c9a' },
      body: { channel: 'WHATSAPP', to: LENA_PHONE, direction: 'OUTBOUND', contentType: 'TEXT', content: { text: 'Please confirm the code we just sent to your phone.' } },
    },
    response: {
      id: MESSAGE_OUT, conversationId: CONVERSATION, direction: 'OUTBOUND', channel: 'WHATSAPP', to: LENA_PHONE, authorId: API_KEY, authorType: 'BOT',
      contentType: 'TEXT', content: { text: 'Please confirm the code we just sent to your phone.' }, attributes: {}, createdAt: ROUTED, updatedAt: ROUTED,
    },
  },

  // Notes
  'get-notes': {
    request: { params: inConversation, query: { limit: '20' } },
    response: {
      notes: [{ id: NOTE, conversationId: CONVERSATION, agentId: ANA, content: '@Dara Okafor she is verified now, can you send the reset link?', type: 'INTERNAL', createdAt: LATER, updatedAt: LATER }],
      pagination: page(1, 20, 'createdAt:asc'),
    },
  },
  'create-note': {
    summary: 'A note mentioning a colleague',
    request: { params: inConversation, body: { content: '@Dara Okafor she is verified now, can you send the reset link?', agentId: ANA } },
    response: { id: NOTE, conversationId: CONVERSATION, agentId: ANA, content: '@Dara Okafor she is verified now, can you send the reset link?', type: 'INTERNAL', createdAt: LATER, updatedAt: LATER },
  },

  // Metadata
  'get-metadata': {
    request: { params: inConversation },
    response: { orderNumber: 'A-10442', plan: 'gold', bot: { step: 'verified', attempts: 1 } },
  },
  'create-metadata': {
    summary: 'Replace the whole metadata',
    request: { params: inConversation, body: { orderNumber: 'A-10442', plan: 'gold' } },
    response: ok('Metadata added to conversation successfully.'),
  },
  'patch-metadata': {
    summary: 'Set one key, remove another',
    request: { params: inConversation, body: { bot: { step: 'verified', attempts: 1 }, orderNumber: null } },
    response: ok('Metadata patch to conversation successfully.'),
  },
  'delete-metadata': {
    request: { params: inConversation },
    response: ok('Metadata deleted successfully.'),
  },

  // Routing
  'route-conversation': {
    summary: 'After the bot tagged strong_auth',
    request: { params: inConversation },
    response: { conversations: [conversation], pagination: page(1, 1, 'id:asc') },
  },
  'simulate-routing-result-for-conversation': {
    request: { params: inConversation },
    response: {
      id: CONVERSATION,
      queueId: Q_VERIFIED,
      priority: 'HIGH',
      routeId: ROUTE_VERIFIED,
      usedDefaultQueue: false,
      routes: [
        {
          id: ROUTE_VERIFIED, name: 'Verified customers', queueId: Q_VERIFIED, skipped: null, matched: true,
          trace: {
            kind: 'and', at: '$and', result: true,
            children: [
              { kind: 'condition', at: '$and[0].$eq.message.channel', op: '$eq', path: 'message.channel', expected: 'WHATSAPP', actual: 'WHATSAPP', result: true },
              { kind: 'condition', at: '$and[1].$hasTag.tags', op: '$hasTag', path: 'tags', expected: 'strong_auth', actual: ['strong_auth'], result: true },
            ],
          },
        },
        {
          id: ROUTE_AUTH_BOT, name: 'WhatsApp account questions → Authentication bot', queueId: Q_AUTH_BOT, skipped: null, matched: true,
          trace: {
            kind: 'and', at: '$and', result: true,
            children: [
              { kind: 'condition', at: '$and[0].$eq.message.channel', op: '$eq', path: 'message.channel', expected: 'WHATSAPP', actual: 'WHATSAPP', result: true },
              { kind: 'condition', at: '$and[1].$contains.message.text', op: '$contains', path: 'message.text', expected: 'account', actual: 'Hi, I cannot log in to my account since this morning.', result: true },
            ],
          },
        },
      ],
      assignment: { agentId: ANA, agentName: 'Ana Alvarez', reason: 'load balancing: 2 open, fewest' },
    },
  },
  'get-routing': {
    request: { query: { enabled: 'true' } },
    response: {
      routes: [
        route(ROUTE_VERIFIED, 1, 'Verified customers', VERIFIED_EXPRESSION, Q_VERIFIED, 'Verified customers', 'HIGH'),
        route(ROUTE_AUTH_BOT, 2, 'WhatsApp account questions → Authentication bot', AUTH_BOT_EXPRESSION, Q_AUTH_BOT, 'Authentication bot'),
      ],
      version: 7,
      pagination: page(2, 2, 'order:asc'),
    },
  },
  'update-routing': {
    summary: 'Two routes kept by id, one new',
    request: {
      headers: { 'If-Match': '"7"' },
      body: [
        { id: ROUTE_VERIFIED, name: 'Verified customers', enabled: true, expression: VERIFIED_EXPRESSION, queueId: Q_VERIFIED, priority: 'HIGH' },
        { id: ROUTE_AUTH_BOT, name: 'WhatsApp account questions → Authentication bot', enabled: true, expression: AUTH_BOT_EXPRESSION, queueId: Q_AUTH_BOT, priority: null },
        { name: 'Billing', enabled: true, expression: BILLING_EXPRESSION, queueId: Q_GENERAL, routeOnlyDuringWorkingHours: true },
      ],
    },
    response: { statusCode: 'SUCCESS', message: 'Saved 3 routes as version 8.', version: 8 },
  },
  'delete-routing': {
    request: { headers: { 'If-Match': '"8"' } },
    response: ok('Routing deleted successfully.'),
  },

  // Queues
  'get-queues': {
    summary: 'The queues Ana is a member of',
    request: { query: { agentId: ANA, orderBy: 'name:asc' } },
    response: {
      queues: [
        queue(Q_GENERAL, 'General support', 3, 1, { isDefault: true }),
        queue(Q_VERIFIED, 'Verified customers', 2, 1, { workingHoursId: WORKING_HOURS }),
      ],
      pagination: page(2, 10, 'name:asc'),
    },
  },
  'create-queue': {
    request: { body: { name: 'Returns', workingHoursId: WORKING_HOURS, externalId: 'crm-returns' } },
    response: queue(Q_RETURNS, 'Returns', 0, 0, { workingHoursId: WORKING_HOURS, externalId: 'crm-returns' }),
  },
  'get-queue': {
    request: { params: { queueId: Q_VERIFIED } },
    response: queue(Q_VERIFIED, 'Verified customers', 2, 1, { workingHoursId: WORKING_HOURS }),
  },
  'update-queue': {
    summary: 'Load balancing, returning customers back to their agent within 14 days, no working hours',
    request: {
      params: { queueId: Q_VERIFIED },
      body: { name: 'Verified customers', isDefault: false, workingHoursId: null, autoAssignmentAlgorithm: 'LOAD_BALANCING', isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 14 },
    },
    response: {
      ...queue(Q_VERIFIED, 'Verified customers', 2, 1, { autoAssignmentAlgorithm: 'LOAD_BALANCING', isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 14 }),
      updatedAt: LATER,
    },
  },
  'delete-queue': {
    request: { params: { queueId: Q_RETURNS } },
    response: ok('Queue deleted.'),
  },
  'add-agent-queue': {
    request: { params: { agentId: BEN }, body: { queueId: Q_VERIFIED } },
    response: ok('Agent added to the queue.'),
  },
  'remove-agent-queue': {
    request: { params: { agentId: BEN, queueId: Q_VERIFIED } },
    response: ok('Agent removed from the queue.'),
  },

  // Agents
  'get-agents': {
    summary: 'Enabled members of one queue',
    request: { query: { queueIds: Q_VERIFIED, enabled: 'true' } },
    response: {
      agents: [agent(DARA, 'Dara Okafor', 'dara@example.com', { status: 'BUSY', availability: 'BUSY' }), agent(ANA, 'Ana Alvarez', 'ana@example.com')],
      pagination: page(2, 10, 'id:asc'),
    },
  },
  'create-agent': {
    request: { body: { displayName: 'Erik Nilsson', email: 'erik@example.com', role: 'AGENT', status: 'INVISIBLE', enabled: true } },
    response: {
      ...agent(NEW_AGENT, 'Erik Nilsson', 'erik@example.com', { status: 'INVISIBLE', availability: 'AWAY', createdAt: LATER }),
      setPasswordUrl: 'https://switchboard.example.com/set-password?token=8mQ2vX7cN4pR1tY9wK3zL6bH0dF5gJ2s',
    },
  },
  'get-agent': {
    request: { params: { agentId: ANA } },
    response: agent(ANA, 'Ana Alvarez', 'ana@example.com'),
  },
  'update-agent': {
    summary: 'Make Ana a supervisor who takes at most 5 open conversations',
    request: { params: { agentId: ANA }, body: { displayName: 'Ana Alvarez', status: 'ACTIVE', role: 'SUPERVISOR', enabled: true, capacity: 5 } },
    response: agent(ANA, 'Ana Alvarez', 'ana@example.com', { role: 'SUPERVISOR', capacity: 5 }),
  },
  'get-agent-conversations': {
    request: { params: { agentId: DARA }, query: { orderBy: 'updatedAt:desc', limit: '20' } },
    response: { conversations: [conversation], pagination: page(1, 20, 'updatedAt:desc') },
  },
  'update-agent-heartbeat': {
    request: { params: { agentId: ANA } },
    response: ok('Heartbeat received.'),
  },
  'update-agent-status': {
    request: { params: { agentId: ANA }, body: { status: 'BUSY' } },
    response: agent(ANA, 'Ana Alvarez', 'ana@example.com', { status: 'BUSY', availability: 'BUSY' }),
  },

  // Working hours
  'get-filtered-working-hours': {
    request: { query: { enabled: 'true', orderBy: 'name:asc' } },
    response: { workingHours: [workingHours], pagination: page(1, 10, 'name:asc') },
  },
  'create-working-hours': {
    summary: 'Weekdays in Berlin, with two holidays',
    request: { body: workingHoursBody },
    response: { ...workingHours, updatedAt: SETUP },
  },
  'get-working-hours': {
    request: { params: { id: WORKING_HOURS } },
    response: workingHours,
  },
  'update-working-hours': {
    summary: 'The whole resource, holidays kept by id',
    request: {
      params: { id: WORKING_HOURS },
      body: {
        ...workingHoursBody,
        holidays: [
          { id: HOLIDAY_MAY, name: 'Labour Day', startDate: '2025-05-01', endDate: '2025-05-01', enabled: true },
          { id: HOLIDAY_XMAS, name: 'Christmas', startDate: '2025-12-24', endDate: '2025-12-26', enabled: true },
        ],
      },
    },
    response: workingHours,
  },
  'patch-working-hours': {
    summary: 'Open longer on Fridays',
    request: { params: { id: WORKING_HOURS }, body: { workWeek: { FRIDAY: { startTime: 480, endTime: 1080, enabled: true } } } },
    response: { ...workingHours, workWeek: { ...WORK_WEEK, FRIDAY: day(true) } },
  },
  'delete-working-hours': {
    request: { params: { id: WORKING_HOURS } },
    response: ok('Working hours has been deleted.'),
  },

  // Extensions: inboxes and customers
  'get-inboxes': {
    request: { query: { channel: 'WHATSAPP' } },
    response: { inboxes: [inbox(INBOX_WHATSAPP, 'WhatsApp DE', 'WHATSAPP')], pagination: page(1, 10, 'name:asc') },
  },
  'get-customer': {
    request: { params: { customerId: CUSTOMER } },
    response: customer,
  },
  'patch-customer': {
    summary: 'A bot records strong authentication',
    request: { params: { customerId: CUSTOMER }, body: { attributes: { authLevel: 'strong' } } },
    response: customer,
  },

  ...WEBHOOK_EXAMPLES,

  // Documentation
  'get-openapi-document': {
    response: {
      openapi: '3.1.0',
      info: { title: 'Switchboard API', version: '1', description: 'JSON over HTTPS at the paths, fields and enums of the Infobip Conversations API…' },
      paths: { '/ccaas/1/conversations': { get: { operationId: 'get-conversations', summary: 'List conversations' } } },
    },
  },
};
