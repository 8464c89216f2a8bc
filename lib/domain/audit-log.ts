import type { Db } from '../db';
import { assertCan, type Actor } from '../access/actor';
import { SqlParams } from '../db/sql-params';
import { sqlOf, sqlTimestamp, sqlTimestampText } from '../db/sql';
import type { ActorKind, AuditEntity } from '../generated/prisma/enums';
import type { AuditQuery } from '../validation/audit';

// The audit log's read side (the admin page /audit). Newest first, by keyset pages on
// ("createdAt", id) — no COUNT over a table that only grows; one statement per page.

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorName: string;
  entityType: AuditEntity;
  entityId: string;
  entityName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
};

export type AuditPage = {
  rows: AuditRow[];
  /** Cursors for the links: entries older than the last row, newer than the first; null when there are none. */
  older: string | null;
  newer: string | null;
};

const cursorOf = (r: Pick<AuditRow, 'createdAt' | 'id'>) => `${r.createdAt.toISOString()}_${r.id}`;

function parseCursor(c: string): { at: string; id: string } {
  const i = c.indexOf('Z_');
  return { at: sqlTimestamp(new Date(c.slice(0, i + 1))), id: c.slice(i + 2) };
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listAuditLog(db: Db, actor: Actor, q: AuditQuery): Promise<AuditPage> {
  assertCan(actor, 'audit.view');
  const p = new SqlParams();
  const where: string[] = [];
  if (q.entity) where.push(`a."entityType" = ${p.add(q.entity)}::"AuditEntity"`);
  if (q.actor === 'system') where.push(`a."actorKind" = 'SYSTEM'`);
  else if (q.actor?.startsWith('user:')) where.push(`a."actorKind" = 'USER' AND a."actorUserId" = ${p.add(q.actor.slice(5))}`);
  else if (q.actor?.startsWith('key:')) where.push(`a."actorApiKeyId" = ${p.add(q.actor.slice(4))}`);
  // Whole UTC days, both ends included.
  if (q.from) where.push(`a."createdAt" >= ${p.add(`${q.from} 00:00:00`)}::timestamp(3)`);
  if (q.to) where.push(`a."createdAt" < ${p.add(`${q.to} 00:00:00`)}::timestamp(3) + interval '1 day'`);
  if (q.q) {
    const t = p.add(like(q.q));
    where.push(
      `(a."entityName" ILIKE ${t} OR a."entityId" ILIKE ${t} OR a.action ILIKE ${t} OR a."actorName" ILIKE ${t} OR a.ip ILIKE ${t} OR a.before::text ILIKE ${t} OR a.after::text ILIKE ${t})`,
    );
  }
  // `newer` pages walk up from a cursor (ascending), then are turned back to newest first.
  const up = !q.older && !!q.newer;
  const c = q.older ?? q.newer;
  if (c) {
    const { at, id } = parseCursor(c);
    where.push(`(a."createdAt", a.id) ${up ? '>' : '<'} (${p.add(at)}::timestamp(3), ${p.add(id)})`);
  }
  const dir = up ? 'ASC' : 'DESC';
  const rows = await sqlOf(db).query<Omit<AuditRow, 'createdAt'> & { createdAt: string }>(
    `SELECT a.id, ${sqlTimestampText('a."createdAt"')} AS "createdAt", a."actorKind"::text AS "actorKind", a."actorUserId", a."actorApiKeyId", a."actorName",
            a."entityType"::text AS "entityType", a."entityId", a."entityName", a.action, a.before, a.after, a.ip, a."userAgent"
     FROM "AuditLog" a
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a."createdAt" ${dir}, a.id ${dir}
     LIMIT ${p.add(q.limit + 1)}`,
    p.values,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit).map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  if (up) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    rows: page,
    older: last && (up || more) ? cursorOf(last) : null,
    newer: first && (up ? more : !!c) ? cursorOf(first) : null,
  };
}

/** Who the actor filter offers: users and API keys (by name), and the system. Two small reads. */
export async function listAuditActors(db: Db, actor: Actor): Promise<{ value: string; label: string }[]> {
  assertCan(actor, 'audit.view');
  const [users, keys] = await Promise.all([
    db.user.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } }),
    db.apiKey.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, prefix: true } }),
  ]);
  return [
    ...users.map((u) => ({ value: `user:${u.id}`, label: u.name })),
    ...keys.map((k) => ({ value: `key:${k.id}`, label: `API key ${k.name} (${k.prefix}…)` })),
    { value: 'system', label: 'System' },
  ];
}
