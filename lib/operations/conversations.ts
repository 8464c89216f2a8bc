import { listConversations } from '../domain/conversations/list';
import { createConversationRecord } from '../domain/conversations/create';
import { getConversation } from '../domain/conversations/get';
import { updateConversation, updateConversationRecord } from '../domain/conversations/update';
import { assignConversation } from '../domain/assignment/manual';
import { routeConversation } from '../domain/routing/route-conversation';
import { simulateConversation } from '../domain/routing/simulate';
import { apiConversation } from '../http/mappers';
import { compact, pagination } from '../http/format';
import { apiConversationPageSchema, apiConversationSchema, apiSimulationSchema } from '../validation/api-responses';
import {
  assignAgentRequestSchema,
  conversationListQuerySchema,
  conversationPropertiesSchema,
  conversationRefSchema,
  createConversationSchema,
  updateConversationRequestSchema,
  type UpdateConversationInput,
} from '../validation/conversations';
import type { z } from 'zod';
import { DomainError } from '../domain/errors';
import { operation } from './operation';

const C = '/ccaas/1/conversations';
const ONE = `${C}/{conversationId}`;
const conversation = { schema: apiConversationSchema, description: 'The conversation after the change.' };

export const listConversationsOp = operation({
  name: 'conversations.list',
  permission: 'conversations.work',
  input: conversationListQuerySchema,
  run: ({ db, actor }, query) => listConversations(db, actor, query),
  http: {
    method: 'get', path: C, operationId: 'get-conversations', tag: 'Conversations', summary: 'List conversations',
    description: 'The conversations the key may see, filtered and paged. Supervisors and admins see all; an agent (or a key acting for one) sees those assigned to them, in a queue they are a member of, or in an inbox they collaborate on.',
    from: 'query',
    response: { schema: apiConversationPageSchema, description: 'One page of conversations.' },
    respond: (page) => ({ conversations: page.items.map(apiConversation), pagination: pagination(page) }),
    errors: [400, 401, 403],
  },
});

export const createConversationOp = operation({
  name: 'conversations.create',
  permission: 'conversations.work',
  input: createConversationSchema,
  // The Idempotency-Key is claimed inside the creating transaction, which also stores the answer.
  run: ({ db, actor, idempotency }, input) =>
    createConversationRecord(db, actor, input, { idempotency: idempotency && { ...idempotency, response: apiConversation } }),
  http: {
    method: 'post', path: C, operationId: 'create-conversation', tag: 'Conversations', summary: 'Create a conversation',
    description: 'Beyond the reference: inboxId, channel, tags (names), customer (found by id, email or phone, or created) and a first inbound message, so that routing sees them.',
    from: 'body', bodyId: 'CreateConversationApiRequest', idempotency: 'in-transaction',
    response: { schema: apiConversationSchema, description: 'The new conversation.' },
    // The answer is built from what the transaction wrote: no read after the commit.
    respond: (result) => ('created' in result ? apiConversation(result.created) : null),
    errors: [400, 401, 403, 409],
  },
});

export const getConversationOp = operation({
  name: 'conversations.get',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => getConversation(db, actor, input),
  http: {
    method: 'get', path: ONE, operationId: 'get-conversation', tag: 'Conversations', summary: 'Get a conversation',
    response: { schema: apiConversationSchema, description: 'The conversation.' },
    respond: apiConversation,
    errors: [401, 403, 404],
  },
});

/** The editable fields of a PUT or PATCH; the read-only ones a client sent back are dropped, an `id` other than the path's refused. */
function editableFields({ conversationId, id, topic, summary, status, priority, queueId, agentId }: z.output<typeof updateConversationRequestSchema>): UpdateConversationInput {
  if (id !== undefined && id !== conversationId) throw new DomainError('BAD_REQUEST', 'Request is invalid.', { id: ['Does not match the path.'] });
  const fields = { topic, summary, status, priority, queueId, agentId };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

// PUT and PATCH answer with what their transaction read and wrote: no read after the commit.
export const replaceConversationOp = operation({
  name: 'conversations.replace',
  permission: 'conversations.work',
  input: updateConversationRequestSchema,
  run: ({ db, actor }, input) => updateConversationRecord(db, actor, { conversationId: input.conversationId, mode: 'put', changes: editableFields(input) }),
  http: {
    method: 'put', path: ONE, operationId: 'update-conversation', tag: 'Conversations', summary: 'Replace the properties of a conversation',
    description: 'Fields left out are reset: topic and summary cleared, status OPEN, priority NORMAL, no queue, no agent. A CLOSED conversation cannot be changed (400).',
    from: 'body', bodyId: 'UpdateConversationApiRequest',
    response: conversation, respond: apiConversation, errors: [400, 401, 403, 404],
  },
});

export const patchConversationOp = operation({
  name: 'conversations.patch',
  permission: 'conversations.work',
  input: updateConversationRequestSchema,
  run: ({ db, actor }, input) => updateConversationRecord(db, actor, { conversationId: input.conversationId, mode: 'patch', changes: editableFields(input) }),
  http: {
    method: 'patch', path: ONE, operationId: 'patch-conversation', tag: 'Conversations', summary: 'Change some properties of a conversation',
    description: 'Only the fields given change; null clears topic, summary, queueId or agentId. A CLOSED conversation cannot be changed (400).',
    from: 'body', bodyId: 'UpdateConversationApiRequest',
    response: conversation, respond: apiConversation, errors: [400, 401, 403, 404],
  },
});

/** The console's in-place edits (topic, summary, status, priority). */
export const editConversationOp = operation({
  name: 'conversations.edit',
  permission: 'conversations.work',
  input: conversationPropertiesSchema,
  run: ({ db, actor }, { conversationId, ...changes }) => updateConversation(db, actor, { conversationId, mode: 'patch', changes }),
});

export const assignConversationOp = operation({
  name: 'conversations.assign',
  permission: 'conversations.work',
  input: assignAgentRequestSchema,
  run: ({ db, actor }, input) => assignConversation(db, actor, input),
  http: {
    method: 'put', path: `${ONE}/assignee`, operationId: 'change-conversation-assignment', tag: 'Conversations', summary: 'Assign a conversation to an agent',
    description: 'The agent must be able to take it: a collaborator of its inbox, a member of its queue, or an admin (else 400). A CLOSED conversation cannot be changed (400).',
    from: 'body', bodyId: 'AssignAgentApiRequest',
    response: conversation, respond: apiConversation, errors: [400, 401, 403, 404],
  },
});

export const unassignConversationOp = operation({
  name: 'conversations.unassign',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, { conversationId }) => assignConversation(db, actor, { conversationId, agentId: null }),
  http: {
    method: 'delete', path: `${ONE}/assignee`, operationId: 'unassign-conversation-agent', tag: 'Conversations', summary: 'Unassign a conversation',
    response: { schema: apiConversationSchema, description: 'The conversation, now without an agent.' },
    respond: apiConversation, errors: [401, 403, 404],
  },
});

export const routeConversationOp = operation({
  name: 'conversations.route',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => routeConversation(db, actor, input),
  http: {
    method: 'post', path: `${ONE}/route`, operationId: 'route-conversation', tag: 'Routing', summary: 'Send a conversation back to routing',
    description: 'Unassigns it, evaluates the routes again with its latest inbound message, customer and tags, then auto-assigns. Refused for CLOSED conversations (400).',
    response: { schema: apiConversationPageSchema, description: 'A page holding the routed conversation.' },
    // The reference answers "route" with a conversation result page holding the routed conversation.
    respond: (c) => ({ conversations: [apiConversation(c)], pagination: { totalItems: 1, page: 0, limit: 1, orderBy: 'id:asc' } }),
    errors: [401, 403, 404],
  },
});

export const simulateConversationOp = operation({
  name: 'conversations.simulateRouting',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, { conversationId }) => simulateConversation(db, actor, { conversationId }),
  http: {
    method: 'get', path: `${ONE}/simulate-routing`, operationId: 'simulate-routing-result-for-conversation', tag: 'Routing', summary: 'Simulate routing for a conversation',
    description: 'Which route would take the conversation now, and why. Changes nothing.',
    response: { schema: apiSimulationSchema, description: 'The outcome and the trace.' },
    // Reference fields (id, queueId, priority) plus the matching route and the per-condition trace.
    respond: (s) => compact({ id: s.conversationId, queueId: s.queueId, priority: s.priority, routeId: s.matchedRouteId, usedDefaultQueue: s.usedDefaultQueue, routes: s.routes, assignment: s.assignment }),
    errors: [401, 403, 404],
  },
});
