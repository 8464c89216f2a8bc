import type { Tx } from '../../db';
import { loadScope } from '../../access/visibility';
import type { Availability, Role } from '../../generated/prisma/enums';

export type ManualCandidate = { id: string; name: string; role: Role; availability: Availability; disconnectedAt: Date | null };
/** A manual candidate with what the dropdown warns about: their open (OPEN + WAITING) conversations and capacity (null: unlimited). */
export type ManualCandidateWithLoad = ManualCandidate & { open: number; capacity: number | null };

/**
 * Manual pool (SPEC §4): collaborators of the inbox and members of the queue, plus admins; enabled
 * users only. The dropdown lists these; a manual assignment outside them is refused. `withLoad`
 * adds each one's open count and capacity in the same statement (a counted relation, no query per
 * agent); the check before an assignment leaves it off.
 */
export function manualPool(tx: Tx, inboxId: string | null, queueId: string | null): Promise<ManualCandidate[]>;
export function manualPool(tx: Tx, inboxId: string | null, queueId: string | null, opts: { withLoad: true }): Promise<ManualCandidateWithLoad[]>;
export async function manualPool(tx: Tx, inboxId: string | null, queueId: string | null, opts?: { withLoad: true }): Promise<ManualCandidate[] | ManualCandidateWithLoad[]> {
  const where = {
    enabled: true,
    OR: [
      { role: 'ADMIN' as const },
      ...(inboxId ? [{ collaborations: { some: { inboxId } } }] : []),
      ...(queueId ? [{ queueMemberships: { some: { queueId } } }] : []),
    ],
  };
  const orderBy = [{ name: 'asc' as const }, { id: 'asc' as const }];
  const select = { id: true, name: true, role: true, availability: true, disconnectedAt: true } as const;
  if (!opts?.withLoad) return tx.user.findMany({ where, orderBy, select });
  const rows = await tx.user.findMany({
    where,
    orderBy,
    select: { ...select, capacity: true, _count: { select: { assignedConversations: { where: { status: { in: ['OPEN', 'WAITING'] } } } } } },
  });
  return rows.map(({ _count, ...u }) => ({ ...u, open: _count.assignedConversations }));
}

/**
 * `manualPool`'s rule for one user, as SQL over `"User" u`; `inbox` and `queue` are SQL expressions
 * (NULL matches nothing, as a missing inbox or queue adds no clause above).
 */
export function inManualPoolSql(inbox: string, queue: string): string {
  return `(u.enabled AND (u.role = 'ADMIN'
    OR EXISTS (SELECT 1 FROM "InboxCollaborator" ic WHERE ic."inboxId" = ${inbox} AND ic."userId" = u.id)
    OR EXISTS (SELECT 1 FROM "QueueMember" qm WHERE qm."queueId" = ${queue} AND qm."userId" = u.id)))`;
}

/** The manual-pool rule seen from one user: which conversations they could take (for "Assign to me"). */
export type TakerScope = { id: string; anyConversation: boolean; inboxIds: string[]; queueIds: string[] };

export async function takerScope(tx: Tx, user: { id: string; role: Role }): Promise<TakerScope> {
  // The user's inboxes and queues are their visibility scope (one loader, lib/access); null only for
  // a disabled user, who is in no manual pool anyway.
  const scope = await loadScope(tx, user.id);
  return {
    id: user.id,
    anyConversation: user.role === 'ADMIN',
    inboxIds: [...(scope?.inboxIds ?? [])],
    queueIds: [...(scope?.queueIds ?? [])],
  };
}
