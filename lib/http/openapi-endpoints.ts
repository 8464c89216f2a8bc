import { z } from 'zod';
import { idSchema } from '../validation/common';
import { createQueueSchema, queueListQuerySchema, routeListSchema, routingListQuerySchema, updateQueueSchema } from '../validation/routing';
import {
  addTagSchema,
  conversationListQuerySchema,
  createConversationSchema,
  createMessageSchema,
  createTagSchema,
  messageListQuerySchema,
  tagListQuerySchema,
  updateConversationSchema,
} from '../validation/conversations';
import { queueAssignBodySchema } from '../validation/queues';
import { agentStatusBodySchema } from '../validation/presence';
import type { HttpMethod, JsonSchema, Parameter } from './openapi';

// What /ccaas/1 serves, one row per operation; lib/http/openapi.ts turns this into the document.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409;
export type Endpoint = {
  method: HttpMethod;
  path: string;
  operationId: string;
  tag: 'Conversations' | 'Tags' | 'Messages' | 'Routing' | 'Queues' | 'Agents' | 'Documentation';
  summary: string;
  description?: string;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; id: string; description?: string };
  response: { id: string; description: string } | { schema: JsonSchema; description: string };
  errors: ErrorStatus[];
  idempotent?: boolean;
  headers?: Parameter[];
  public?: boolean;
};

const C = '/ccaas/1/conversations';
const ONE = `${C}/{conversationId}`;
const Q = '/ccaas/1/queues';

// The body the …/assignee route handler parses with an inline schema; the contract tests send it through both.
const assignAgentSchema = z.strictObject({ agentId: idSchema });

const IF_MATCH: Parameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description: 'The version from GET /ccaas/1/routing (its ETag, e.g. "3"): the save is refused with 409 when someone saved since. Without it, the save replaces whatever is current.',
  schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' },
};

export const ENDPOINTS: Endpoint[] = [
  {
    method: 'get', path: C, operationId: 'get-conversations', tag: 'Conversations', summary: 'List conversations',
    description: 'The conversations the key may see (SPEC §2), filtered and paged.',
    query: conversationListQuerySchema, response: { id: 'ConversationResultPage', description: 'One page of conversations.' }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: C, operationId: 'create-conversation', tag: 'Conversations', summary: 'Create a conversation',
    description: 'Beyond the reference: inboxId, channel, tags (names), customer (found by id, email or phone, or created) and a first inbound message, so that routing sees them.',
    body: { schema: createConversationSchema, id: 'CreateConversationApiRequest' },
    response: { id: 'ConversationApiModel', description: 'The new conversation.' }, errors: [400, 401, 403, 409], idempotent: true,
  },
  {
    method: 'get', path: ONE, operationId: 'get-conversation', tag: 'Conversations', summary: 'Get a conversation',
    response: { id: 'ConversationApiModel', description: 'The conversation.' }, errors: [401, 403, 404],
  },
  {
    method: 'put', path: ONE, operationId: 'update-conversation', tag: 'Conversations', summary: 'Replace the properties of a conversation',
    description: 'Fields left out are reset: topic and summary cleared, status OPEN, priority NORMAL, no queue, no agent. A CLOSED conversation cannot be changed (409).',
    body: { schema: updateConversationSchema, id: 'UpdateConversationApiRequest' },
    response: { id: 'ConversationApiModel', description: 'The conversation after the change.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'patch', path: ONE, operationId: 'patch-conversation', tag: 'Conversations', summary: 'Change some properties of a conversation',
    description: 'Only the fields given change; null clears topic, summary, queueId or agentId. A CLOSED conversation cannot be changed (409).',
    body: { schema: updateConversationSchema, id: 'UpdateConversationApiRequest' },
    response: { id: 'ConversationApiModel', description: 'The conversation after the change.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'put', path: `${ONE}/assignee`, operationId: 'change-conversation-assignment', tag: 'Conversations', summary: 'Assign a conversation to an agent',
    description: 'The agent must be able to take it: a collaborator of its inbox, a member of its queue, or an admin (else 400). A CLOSED conversation cannot be changed (409).',
    body: { schema: assignAgentSchema, id: 'AssignAgentApiRequest' },
    response: { id: 'ConversationApiModel', description: 'The conversation after the change.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete', path: `${ONE}/assignee`, operationId: 'unassign-conversation-agent', tag: 'Conversations', summary: 'Unassign a conversation',
    response: { id: 'ConversationApiModel', description: 'The conversation, now without an agent.' }, errors: [401, 403, 404, 409],
  },
  {
    method: 'post', path: `${ONE}/tags`, operationId: 'add-conversation-tag', tag: 'Tags', summary: 'Add a tag to a conversation',
    description: 'The tag is created when new. Adding a tag the conversation already has changes nothing.',
    body: { schema: addTagSchema, id: 'AddTagToConversationApiRequest' },
    response: { id: 'StatusCodeResponse', description: 'The tag is on the conversation.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete', path: `${ONE}/tags/{tagName}`, operationId: 'delete-conversation-tag', tag: 'Tags', summary: 'Remove a tag from a conversation',
    description: 'The tag itself stays, and so does the conversation.',
    response: { id: 'StatusCodeResponse', description: 'The tag is off the conversation.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get', path: '/ccaas/1/tags', operationId: 'get-tags', tag: 'Tags', summary: 'List tags',
    query: tagListQuerySchema, response: { id: 'TagsApiResponse', description: 'One page of tags.' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/ccaas/1/tags', operationId: 'create-tag', tag: 'Tags', summary: 'Create a tag',
    description: 'Creating a tag that exists returns it unchanged.',
    body: { schema: createTagSchema, id: 'CreateTagApiRequest' }, response: { id: 'TagApiResponse', description: 'The tag.' }, errors: [400, 401, 403],
  },
  {
    method: 'get', path: `${ONE}/messages`, operationId: 'get-messages', tag: 'Messages', summary: 'List the messages of a conversation',
    query: messageListQuerySchema, response: { id: 'MessageResultPage', description: 'One page of messages.' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: `${ONE}/messages`, operationId: 'create-message', tag: 'Messages', summary: 'Add a message to a conversation',
    description: 'OUTBOUND (the default) is an agent or, for an API key, a bot; INBOUND is the customer writing. Refused on CLOSED conversations (409).',
    body: { schema: createMessageSchema, id: 'CreateMessageApiRequest' },
    response: { id: 'MessageApiResponse', description: 'The new message.' }, errors: [400, 401, 403, 404, 409], idempotent: true,
  },
  {
    method: 'post', path: `${ONE}/route`, operationId: 'route-conversation', tag: 'Routing', summary: 'Send a conversation back to routing',
    description: 'Unassigns it, evaluates the routes again with its latest inbound message, customer and tags, then auto-assigns. Refused for CLOSED conversations (409).',
    response: { id: 'ConversationResultPage', description: 'A page holding the routed conversation.' }, errors: [401, 403, 404, 409],
  },
  {
    method: 'get', path: `${ONE}/simulate-routing`, operationId: 'simulate-routing-result-for-conversation', tag: 'Routing', summary: 'Simulate routing for a conversation',
    description: 'Which route would take the conversation now, and why. Changes nothing.',
    response: { id: 'ConversationRoutingResultApiResponse', description: 'The outcome and the trace.' }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/ccaas/1/routing', operationId: 'get-routing', tag: 'Routing', summary: 'Get the route list',
    description: 'The routes in order, and the version of the list (also the ETag).',
    query: routingListQuerySchema, response: { id: 'RoutingRulesResultPage', description: 'The route list.' }, errors: [400, 401, 403],
  },
  {
    method: 'put', path: '/ccaas/1/routing', operationId: 'update-routing', tag: 'Routing', summary: 'Replace the route list',
    description: 'Saves the whole list, in order, atomically, as a new version. Expressions are checked first; faults name the route and the node.',
    body: { schema: routeListSchema, id: 'UpdateRoutingApiRequest' }, headers: [IF_MATCH],
    response: { id: 'RoutingSaveResponse', description: 'The new version.' }, errors: [400, 401, 403, 409],
  },
  {
    method: 'get', path: Q, operationId: 'get-queues', tag: 'Queues', summary: 'List queues',
    query: queueListQuerySchema, response: { id: 'QueueResultPage', description: 'One page of queues.' }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: Q, operationId: 'create-queue', tag: 'Queues', summary: 'Create a queue',
    body: { schema: createQueueSchema, id: 'CreateQueueApiRequest' }, response: { id: 'QueueApiModel', description: 'The new queue.' }, errors: [400, 401, 403, 409],
  },
  {
    method: 'get', path: `${Q}/{queueId}`, operationId: 'get-queue', tag: 'Queues', summary: 'Get a queue',
    response: { id: 'QueueApiModel', description: 'The queue.' }, errors: [401, 403, 404],
  },
  {
    method: 'put', path: `${Q}/{queueId}`, operationId: 'update-queue', tag: 'Queues', summary: 'Change a queue',
    body: { schema: updateQueueSchema, id: 'UpdateQueueApiRequest' }, response: { id: 'QueueApiModel', description: 'The queue after the change.' }, errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'delete', path: `${Q}/{queueId}`, operationId: 'delete-queue', tag: 'Queues', summary: 'Delete a queue',
    description: 'Refused (409) while routes point to it; its conversations keep their data and lose the queue.',
    response: { id: 'StatusCodeResponse', description: 'The queue is gone.' }, errors: [401, 403, 404, 409],
  },
  {
    method: 'post', path: '/ccaas/1/agents/{agentId}/queues', operationId: 'add-agent-queue', tag: 'Queues', summary: 'Add an agent to a queue',
    body: { schema: queueAssignBodySchema, id: 'QueueAssignRequest' }, response: { id: 'StatusCodeResponse', description: 'The agent is a member.' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'delete', path: '/ccaas/1/agents/{agentId}/queues/{queueId}', operationId: 'remove-agent-queue', tag: 'Queues', summary: 'Remove an agent from a queue',
    response: { id: 'StatusCodeResponse', description: 'The agent is no longer a member.' }, errors: [401, 403, 404],
  },
  {
    method: 'put', path: '/ccaas/1/agents/{agentId}/status', operationId: 'update-agent-status', tag: 'Agents', summary: 'Set an agent’s status',
    description: 'ACTIVE is ONLINE, BUSY is BUSY, AWAY and INVISIBLE are OFFLINE (which hands the agent’s open conversations to others). A key may set its own user’s status; supervisors and admins anyone’s.',
    body: { schema: agentStatusBodySchema, id: 'AgentStatusRequest' }, response: { id: 'AgentResponse', description: 'The agent.' }, errors: [400, 401, 403, 404],
  },
  {
    method: 'put', path: '/ccaas/1/agents/{agentId}/heartbeat', operationId: 'update-agent-heartbeat', tag: 'Agents', summary: 'Report that an agent is still there',
    description: 'Agents whose console stops sending heartbeats are set OFFLINE.',
    response: { id: 'StatusCodeResponse', description: 'Heartbeat received.' }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/ccaas/1/openapi.json', operationId: 'get-openapi-document', tag: 'Documentation', summary: 'This document',
    description: 'Public: no key needed.', public: true, errors: [],
    response: { schema: { type: 'object', description: 'An OpenAPI 3.1 document.' }, description: 'The OpenAPI document.' },
  },
];

export const ERRORS: Record<ErrorStatus, { name: string; description: string; messageId: string; text: string }> = {
  400: { name: 'BadRequest', description: 'The request is invalid; validationErrors names each bad field. Nothing changed.', messageId: 'BAD_REQUEST', text: 'Request is invalid.' },
  401: { name: 'Unauthorized', description: 'Missing, unknown or revoked API key.', messageId: 'UNAUTHORIZED', text: 'Missing, unknown or revoked API key. Send Authorization: App <key>.' },
  403: { name: 'Forbidden', description: 'The key’s role does not allow this. Nothing changed.', messageId: 'FORBIDDEN', text: 'You do not have permission to do this.' },
  404: { name: 'NotFound', description: 'No such conversation (or one the key may not see), queue, agent or tag.', messageId: 'NOT_FOUND', text: 'Conversation not found.' },
  409: { name: 'Conflict', description: 'A CLOSED conversation, a reused Idempotency-Key, a stale If-Match or a taken name. Nothing changed.', messageId: 'CONFLICT', text: 'Closed conversation cannot be changed.' },
};

export const PARAM_DOCS: Record<string, string> = {
  conversationId: 'Id of the conversation.',
  queueId: 'Id of the queue.',
  'path:agentId': 'Id of the agent (a user).',
  ruleIds: 'Only these routes.',
  enabled: 'true: only enabled routes; false: only disabled ones.',
  workingHoursId: 'Accepted for compatibility; Switchboard has no working hours.',
  'get-queues:name': 'Queues whose name contains this (case-insensitive).',
  'get-queues:queueIds': 'Only these queues.',
  'get-queues:agentId': 'Only queues this agent is a member of.',
  tagName: 'Name of the tag, URL-encoded.',
  page: 'Page number, from 0.',
  limit: 'Items per page (at most 999).',
  orderBy: 'A field and a direction, as field:asc or field:desc.',
  conversationIds: 'Only these conversations.',
  queueIds: 'Only conversations in these queues.',
  tagNames: 'Only conversations with any of these tags.',
  agentId: 'Only conversations assigned to this agent.',
  status: 'Only conversations with one of these statuses.',
  priority: 'Only conversations with one of these priorities.',
  channel: 'Only conversations on one of these channels.',
  inboxId: 'Only conversations in this inbox.',
  unassigned: 'true: only conversations without an agent; false: only those with one.',
  text: 'Words in the topic, the summary or the customer’s name (case-insensitive).',
  'get-tags:conversationId': 'Only the tags of this conversation.',
  'get-messages:channel': 'Only messages on this channel.',
  name: 'Tags whose name contains this (case-insensitive).',
  messageIds: 'Only these messages.',
  direction: 'INBOUND (customer) or OUTBOUND (agent or bot).',
  createdAfter: 'Created at or after this time.',
  createdBefore: 'Created before this time.',
  updatedAfter: 'Updated at or after this time.',
  updatedBefore: 'Updated before this time.',
  closedAfter: 'Closed at or after this time.',
  closedBefore: 'Closed before this time.',
};
