import type { Db } from '../../db';
import type { Actor } from '../../access/actor';
import type { BulkAction, BulkInput } from '../../validation/bulk';
import { assignConversation } from '../assignment/manual';
import { routeConversation } from '../routing/route-conversation';
import { DomainError } from '../errors';
import { addConversationTag, removeConversationTag } from './tags';
import { updateConversationRecord } from './update';
import { snoozeConversation, unsnoozeConversation } from './snooze';

// Bulk actions on the inbox's selection (issue 15). Each conversation goes through the very
// function its single action calls, in a transaction of its own: the visibility check (404 for
// one the caller may not see, SPEC §2), CLOSED refusals, eligibility, timeline and live events
// are the single action's, and one refusal never undoes or blocks the others. Conversations are
// handled one after the other, so a selection never holds more than one row lock at a time.

export type BulkOutcome = { id: string; ok: true } | { id: string; ok: false; reason: string };

export type BulkResult = { kind: BulkAction['kind']; done: number; refused: { id: string; reason: string }[] };

/** Applies one action to each conversation; answers how many were done and why the others were refused. */
export async function applyBulk(db: Db, actor: Actor, { conversationIds, action }: BulkInput): Promise<BulkResult> {
  const outcomes: BulkOutcome[] = [];
  for (const id of conversationIds) outcomes.push(await applyOne(db, actor, id, action));
  const refused = outcomes.flatMap((o) => (o.ok ? [] : [{ id: o.id, reason: o.reason }]));
  return { kind: action.kind, done: outcomes.length - refused.length, refused };
}

async function applyOne(db: Db, actor: Actor, conversationId: string, action: BulkAction): Promise<BulkOutcome> {
  try {
    await run(db, actor, conversationId, action);
    return { id: conversationId, ok: true };
  } catch (e) {
    if (e instanceof DomainError) return { id: conversationId, ok: false, reason: refusalReason(e) };
    // Not an expected refusal: logged here, a generic word for the caller; the others still run.
    console.error('bulk action failed for a conversation', conversationId, e);
    return { id: conversationId, ok: false, reason: 'something went wrong' };
  }
}

function run(db: Db, actor: Actor, conversationId: string, action: BulkAction): Promise<unknown> {
  switch (action.kind) {
    case 'assign':
      return assignConversation(db, actor, { conversationId, agentId: action.agentId });
    case 'status':
      return updateConversationRecord(db, actor, { conversationId, mode: 'patch', changes: { status: action.status } });
    case 'addTag':
      return addConversationTag(db, actor, { conversationId, tagName: action.tagName });
    case 'removeTag':
      return removeConversationTag(db, actor, { conversationId, tagName: action.tagName });
    case 'route':
      return routeConversation(db, actor, { conversationId });
    case 'snooze':
      return snoozeConversation(db, actor, { conversationId, until: action.until });
    case 'unsnooze':
      return unsnoozeConversation(db, actor, { conversationId });
  }
}

/** A refusal in a few words for the summary ("1 refused: closed"); the single action's own words otherwise. */
export function refusalReason(e: DomainError): string {
  if (e.message === 'Closed conversation cannot be changed.') return 'closed';
  // Not visible and not there are one answer (SPEC §2: a conversation one may not see is not revealed).
  if (e.code === 'NOT_FOUND' && e.message === 'Conversation not found.') return 'not found';
  if (e.code === 'NOT_FOUND' && e.message.startsWith('The conversation has no tag')) return 'does not have the tag';
  // "Ana cannot take this conversation: not a collaborator …" → "Ana cannot take this conversation".
  if (e.fields?.agentId) return e.message.split(':')[0].replace(/\.$/, '');
  return e.message.replace(/\.$/, '');
}
