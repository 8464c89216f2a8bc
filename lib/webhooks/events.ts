/**
 * The event types a webhook subscription may ask for (issue 16). The database triggers of the
 * webhooks migration produce them from the rows each change writes; this list is what the API and
 * the console accept and document.
 */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.routed',
  'conversation.assigned',
  'conversation.unassigned',
  'conversation.updated',
  'conversation.closed',
  'message.created',
  'note.created',
  'tag.added',
  'tag.removed',
  'agent.availability_changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_WORDS: Record<WebhookEventType, string> = {
  'conversation.created': 'a conversation is created',
  'conversation.routed': 'routing puts it in a queue (with the rule)',
  'conversation.assigned': 'it gets an assignee (with the reason)',
  'conversation.unassigned': 'it loses its assignee (with the reason)',
  'conversation.updated': 'status, priority, queue, topic or metadata change',
  'conversation.closed': 'it is closed',
  'message.created': 'a message, inbound or outbound',
  'note.created': 'an internal note',
  'tag.added': 'a tag is added',
  'tag.removed': 'a tag is removed',
  'agent.availability_changed': 'an agent goes online, busy, offline or away',
};
