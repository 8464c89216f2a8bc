import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { recordTimeline } from '../timeline';
import { autoPool } from './pool';
import { pickNext } from './selector';

/**
 * Locks the inbox row for the rest of the transaction and re-reads it: every assignment in one
 * inbox, from any app instance, passes here one at a time, so a turn is never skipped or repeated.
 * NO KEY UPDATE, not UPDATE: inserting a conversation that references the inbox takes a KEY SHARE
 * lock on it, and two creators upgrading that to FOR UPDATE would deadlock; NO KEY UPDATE does
 * not conflict with KEY SHARE, yet still serializes the assigners.
 */
export async function lockInbox(tx: Tx, inboxId: string) {
  await tx.$queryRaw`SELECT id FROM "Inbox" WHERE id = ${inboxId} FOR NO KEY UPDATE`;
  return tx.inbox.findUnique({ where: { id: inboxId } });
}

export type ClaimResult = { agentId: string; name: string } | null;

/**
 * Gives the conversation to the next agent by round robin, if it is still unassigned, and advances
 * the inbox's turn in the same transaction. The guard `agentId: null` means a manual choice made
 * meanwhile is never undone. The caller holds the conversation's row lock (or just created it).
 */
export async function claimByRoundRobin(
  tx: Tx,
  actor: Actor,
  conversation: { id: string; inboxId: string; queueId: string | null },
  opts: { exclude?: string[]; onlineOnly?: boolean; reason: string; expectAgentId?: string | null },
): Promise<ClaimResult> {
  const inbox = await lockInbox(tx, conversation.inboxId);
  if (!inbox) return null;
  const next = pickNext(await autoPool(tx, inbox.id, conversation.queueId, opts.exclude), { onlineOnly: opts.onlineOnly });
  if (!next) return null;
  const expected = opts.expectAgentId ?? null;
  const now = new Date();
  const { count } = await tx.conversation.updateMany({
    where: { id: conversation.id, agentId: expected, status: { in: ['OPEN', 'WAITING'] } },
    data: { agentId: next.userId, assignedAt: now, updatedAt: now },
  });
  if (count !== 1) return null;
  const turn = inbox.rrTurn + 1;
  await tx.inbox.update({ where: { id: inbox.id }, data: { rrTurn: turn } });
  await tx.inboxCollaborator.update({ where: { inboxId_userId: { inboxId: inbox.id, userId: next.userId } }, data: { lastTurn: turn } });
  await recordTimeline(tx, conversation.id, actor, [
    { kind: 'ASSIGNEE_CHANGED', before: { agentId: expected }, after: { agentId: next.userId }, reason: opts.reason },
  ]);
  return { agentId: next.userId, name: next.name };
}
