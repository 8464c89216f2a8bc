import type { Db, Tx } from '../../db';
import { systemActor, type Actor } from '../../access/actor';
import type { Conversation } from '../../generated/prisma/client';
import { unitOfWork } from '../../db/unit-of-work';
import { SNOOZE_MAX_DAYS, type SnoozeInput } from '../../validation/snooze';
import { DomainError } from '../errors';
import { recordTimeline } from '../timeline';
import { lockVisibleConversation } from './access';
import { loadConversation, type ConversationDetail } from './get';

// Snooze (issue 15): the conversation waits (WAITING, `snoozedUntil` set) and comes back OPEN at
// that time — the sweep in snooze-sweep.ts — or as soon as the customer writes (wakeOnInbound),
// or when someone unsnoozes it. `snoozedUntil` is only ever set while WAITING: every status change
// clears it (update-sql.ts), so "snoozed" is exactly "snoozedUntil IS NOT NULL".

export const WOKEN_BY_CUSTOMER = 'the customer wrote';
export const WOKEN_BY_TIME = 'snooze ended';

/** Snoozes until `until` (OPEN, WAITING or already snoozed: the new time replaces the old one). */
export async function snoozeConversation(db: Db, actor: Actor, { conversationId, until }: SnoozeInput, now = new Date()): Promise<ConversationDetail> {
  if (until.getTime() <= now.getTime()) throw new DomainError('BAD_REQUEST', 'Pick a time in the future.', { until: ['Must be in the future.'] });
  if (until.getTime() > now.getTime() + SNOOZE_MAX_DAYS * 86_400_000) {
    throw new DomainError('BAD_REQUEST', `A snooze ends within ${SNOOZE_MAX_DAYS} days.`, { until: [`At most ${SNOOZE_MAX_DAYS} days ahead.`] });
  }
  await unitOfWork(db, async (tx) => {
    // 404 when not visible, 400 when CLOSED: the same refusals as every other change.
    const c = await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    // Solved is done: snoozing it would quietly reopen it as waiting (and count against its agent's capacity).
    if (c.status === 'SOLVED') throw new DomainError('BAD_REQUEST', 'A solved conversation cannot be snoozed: reopen it first.');
    await tx.conversation.update({ where: { id: c.id }, data: { status: 'WAITING', snoozedUntil: until, updatedAt: now } });
    await recordTimeline(tx, c.id, actor, [
      { kind: 'SNOOZED', before: { status: c.status, snoozedUntil: c.snoozedUntil?.toISOString() ?? null }, after: { status: 'WAITING', snoozedUntil: until.toISOString() } },
    ]);
  });
  return loadConversation(db, conversationId);
}

/** "Unsnooze": back to OPEN now. Not snoozed (any more: the sweep may have been first) changes nothing. */
export async function unsnoozeConversation(db: Db, actor: Actor, { conversationId }: { conversationId: string }): Promise<ConversationDetail> {
  await unitOfWork(db, async (tx) => {
    const c = await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    await wake(tx, c, actor);
  });
  return loadConversation(db, conversationId);
}

/**
 * The customer wrote: a snoozed conversation is back at once (called by addMessage for INBOUND
 * messages, under the conversation's row lock, in the message's transaction).
 */
export async function wakeOnInbound(tx: Tx, c: Pick<Conversation, 'id' | 'status' | 'snoozedUntil'>): Promise<boolean> {
  return wake(tx, c, systemActor(WOKEN_BY_CUSTOMER));
}

async function wake(tx: Tx, c: Pick<Conversation, 'id' | 'status' | 'snoozedUntil'>, actor: Actor): Promise<boolean> {
  if (!c.snoozedUntil) return false;
  const status = c.status === 'WAITING' ? 'OPEN' : c.status;
  await tx.conversation.update({ where: { id: c.id }, data: { status, snoozedUntil: null, updatedAt: new Date() } });
  await recordTimeline(tx, c.id, actor, [{ kind: 'UNSNOOZED', before: { status: c.status, snoozedUntil: c.snoozedUntil.toISOString() }, after: { status } }]);
  return true;
}
