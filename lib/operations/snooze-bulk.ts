import { applyBulk } from '../domain/conversations/bulk';
import { snoozeConversation, unsnoozeConversation } from '../domain/conversations/snooze';
import { bulkSchema } from '../validation/bulk';
import { conversationRefSchema } from '../validation/conversations';
import { snoozeSchema } from '../validation/snooze';
import { operation } from './operation';

// Console operations of issue 15: snooze and the inbox's bulk actions (no HTTP binding; over the
// API, PATCH status still ends a snooze, and GET shows snoozedUntil).

/** WAITING until `until`, then OPEN again (or when the customer writes). Refused for CLOSED and SOLVED. */
export const snoozeConversationOp = operation({
  name: 'conversations.snooze',
  permission: 'conversations.work',
  input: snoozeSchema,
  run: ({ db, actor }, input) => snoozeConversation(db, actor, input),
});

export const unsnoozeConversationOp = operation({
  name: 'conversations.unsnooze',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => unsnoozeConversation(db, actor, input),
});

/**
 * One action on a selection: each conversation through its single action's domain function, in a
 * transaction of its own, checked for the caller (visibility, CLOSED, eligibility) one by one.
 */
export const bulkConversationsOp = operation({
  name: 'conversations.bulk',
  permission: 'conversations.work',
  input: bulkSchema,
  run: ({ db, actor }, input) => applyBulk(db, actor, input),
});
