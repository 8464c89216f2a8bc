import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';

export type PersonRow = {
  id: string;
  name: string;
  email: string;
  role: 'ADMIN' | 'SUPERVISOR' | 'AGENT';
  availability: 'ONLINE' | 'BUSY' | 'OFFLINE';
  enabled: boolean;
  lastSeenAt: Date | null;
  /** Away — disconnected: their console fell silent (SPEC §4). */
  disconnected: boolean;
  openLoad: number;
  /** Open conversations auto-assignment may give them; null is unlimited. */
  capacity: number | null;
};

/** Users with their open load (OPEN + WAITING assigned to them). Two queries whatever the count. */
export async function listPeople(db: Tx, actor: Actor): Promise<PersonRow[]> {
  assertCan(actor, 'users.manage');
  const [users, loads] = await Promise.all([
    db.user.findMany({
      orderBy: [{ role: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true, email: true, role: true, availability: true, enabled: true, lastSeenAt: true, capacity: true, disconnectedAt: true },
    }),
    db.conversation.groupBy({
      by: ['agentId'],
      where: { agentId: { not: null }, status: { in: ['OPEN', 'WAITING'] } },
      _count: { _all: true },
    }),
  ]);
  const load = new Map(loads.map((l) => [l.agentId, l._count._all]));
  return users.map(({ disconnectedAt, ...u }) => ({ ...u, disconnected: disconnectedAt !== null, openLoad: load.get(u.id) ?? 0 }));
}
