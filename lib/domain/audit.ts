import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import type { Prisma } from '../generated/prisma/client';
import type { AuditEntity } from '../generated/prisma/enums';
import { inUnitOfWork } from '../db/unit-of-work';
import { orderedId } from '../db/sql';

// The audit log of administrative changes (SPEC §2: admins read it; formbricks' withAuditLogging).
// Every administrative domain function calls `audit` inside its unit of work, beside the change,
// so an entry is committed exactly when its change is: a refused or failed change leaves none.

export type AuditEntry = {
  entity: AuditEntity;
  entityId: string;
  /** What the entity was called at the time (the log outlives renames and deletions). */
  entityName?: string | null;
  /** `create`, `update`, `delete`, `member.add`, `role.change`, … */
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** The actor as audit columns; an API key is logged with the user it acts for. */
function who(actor: Actor) {
  const origin = actor.origin ?? { ip: null, userAgent: null };
  const base = { actorName: actor.name, ip: origin.ip, userAgent: origin.userAgent };
  switch (actor.kind) {
    case 'user':
      return { ...base, actorKind: 'USER' as const, actorUserId: actor.id, actorApiKeyId: null };
    case 'apiKey':
      return { ...base, actorKind: 'API_KEY' as const, actorUserId: actor.userId, actorApiKeyId: actor.id };
    case 'system':
      return { ...base, actorKind: 'SYSTEM' as const, actorName: `System (${actor.reason})`, actorUserId: null, actorApiKeyId: null };
  }
}

/** JSON-safe: dates as ISO strings, undefined dropped (what Prisma would store anyway, made explicit). */
function plain(v: Record<string, unknown> | null | undefined): Prisma.InputJsonObject | undefined {
  if (!v) return undefined;
  return JSON.parse(JSON.stringify(v)) as Prisma.InputJsonObject;
}

/**
 * For a change of an existing entity (both sides given), only the fields that differ are kept; a
 * change that changed nothing writes no entry. Creations keep `after`, deletions `before`.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b = plain(before) as Record<string, unknown>;
  const a = plain(after) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  return { before: Object.fromEntries(keys.map((k) => [k, b[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, a[k] ?? null])) };
}

/** Writes one audit entry in the caller's unit of work (refused outside one: the entry must share the change's transaction). */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  if (!inUnitOfWork(tx)) throw new Error('audit() outside a unit of work: write the entry in the transaction of the change (lib/db/unit-of-work.ts).');
  let { before, after } = entry;
  if (before && after) {
    ({ before, after } = changedFields(before, after));
    if (!Object.keys(after).length) return;
  }
  await tx.auditLog.create({
    data: {
      // Ordered ids: entries of one transaction share its `createdAt` and still list in the order written.
      id: orderedId(),
      ...who(actor),
      entityType: entry.entity,
      entityId: entry.entityId,
      entityName: entry.entityName ?? null,
      action: entry.action,
      before: plain(before),
      after: plain(after),
    },
    select: { id: true },
  });
}
