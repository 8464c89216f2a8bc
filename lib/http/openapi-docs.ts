import type { ErrorStatus } from '../operations/http-binding';

// The words of the OpenAPI document that are not in the operations' declarations (lib/operations):
// the shared error responses and the descriptions of parameters, by name or `operationId:name`.

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
  'get-notes:orderBy': 'createdAt, updatedAt or id, with :asc or :desc (default createdAt:asc).',
};
