import type { Db, Tx } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { CannedReplyScope } from '../../generated/prisma/enums';
import { actingUserId, type Actor } from '../../access/actor';
import { unitOfWork } from '../../db/unit-of-work';
import type { CannedReplyFields, ListCannedRepliesInput, UpdateCannedReplyInput } from '../../validation/canned-replies';
import { audit } from '../audit';
import { DomainError } from '../errors';
import { getConversation } from '../conversations/get';
import { fillVariables, type FillContext } from './fill';

// Canned replies. Shared ones belong to the team: everyone may use them, supervisors and admins
// write them (the operations' permissions say so; lib/operations/canned-replies.ts), and each change
// is audited. A personal one is its owner's alone: nobody else lists, edits or deletes it, whatever
// their role, and someone else's id answers 404 exactly like a missing one.

const select = {
  id: true,
  scope: true,
  ownerId: true,
  title: true,
  body: true,
  updatedAt: true,
  createdBy: { select: { name: true } },
} as const satisfies Prisma.CannedReplySelect;

export type CannedReplyRow = Prisma.CannedReplyGetPayload<{ select: typeof select }>;
/** A reply as the `/` list offers it: `text` is the body filled for the conversation, when one was named. */
export type CannedReplyOption = CannedReplyRow & { text: string };

/** The user whose personal replies these are; refused for a key that acts for nobody. */
function ownerOf(actor: Actor): string {
  const id = actingUserId(actor);
  if (!id) throw new DomainError('FORBIDDEN', 'Personal canned replies belong to a user; this key acts for nobody.');
  return id;
}

/** What the caller may use: the shared replies and their own. */
function usable(actor: Actor): Prisma.CannedReplyWhereInput {
  const userId = actingUserId(actor);
  return { OR: [{ scope: 'SHARED' }, ...(userId ? [{ scope: 'PERSONAL' as const, ownerId: userId }] : [])] };
}

/** The values a reply's variables take on this conversation (the caller must see it: 404 otherwise). */
async function fillContext(db: Tx, actor: Actor, conversationId: string): Promise<FillContext> {
  const c = await getConversation(db, actor, { conversationId });
  const userId = actingUserId(actor);
  const me = userId ? await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } }) : null;
  return {
    customer: c.customer && { name: c.customer.name, email: c.customer.email, phone: c.customer.phone },
    agent: { name: me?.name ?? actor.name, email: me?.email ?? null },
    conversation: { id: c.id, topic: c.topic },
  };
}

/**
 * Every reply the caller may use, personal ones first, then by title; `query` keeps those whose
 * title or text holds it. With a conversation, each carries its text filled for it.
 */
export async function listCannedReplies(db: Tx, actor: Actor, { query, conversationId }: ListCannedRepliesInput): Promise<CannedReplyOption[]> {
  const words: Prisma.CannedReplyWhereInput[] = query
    ? [{ OR: [{ title: { contains: query, mode: 'insensitive' } }, { body: { contains: query, mode: 'insensitive' } }] }]
    : [];
  const [rows, context] = await Promise.all([
    db.cannedReply.findMany({ where: { AND: [usable(actor), ...words] }, select, orderBy: [{ scope: 'desc' }, { title: 'asc' }, { id: 'asc' }], take: 500 }),
    conversationId ? fillContext(db, actor, conversationId) : null,
  ]);
  return rows.map((r) => ({ ...r, text: context ? fillVariables(r.body, context) : r.body }));
}

/** The reply with this id in this scope that the caller may change, or 404. */
async function findOwn(tx: Tx, actor: Actor, scope: CannedReplyScope, id: string): Promise<CannedReplyRow> {
  const where: Prisma.CannedReplyWhereInput = scope === 'SHARED' ? { id, scope } : { id, scope, ownerId: ownerOf(actor) };
  const row = await tx.cannedReply.findFirst({ where, select });
  if (!row) throw new DomainError('NOT_FOUND', 'Canned reply not found.');
  return row;
}

const auditView = (r: { title: string; body: string }) => ({ title: r.title, body: r.body });

export async function createCannedReply(db: Db, actor: Actor, scope: CannedReplyScope, fields: CannedReplyFields): Promise<CannedReplyRow> {
  return unitOfWork(db, async (tx) => {
    const ownerId = scope === 'PERSONAL' ? ownerOf(actor) : null;
    const row = await tx.cannedReply.create({ data: { scope, ownerId, createdById: actingUserId(actor), ...fields }, select });
    if (scope === 'SHARED') await audit(tx, actor, { entity: 'CANNED_REPLY', entityId: row.id, entityName: row.title, action: 'create', after: auditView(row) });
    return row;
  });
}

export async function updateCannedReply(db: Db, actor: Actor, scope: CannedReplyScope, { id, ...fields }: UpdateCannedReplyInput): Promise<CannedReplyRow> {
  return unitOfWork(db, async (tx) => {
    const before = await findOwn(tx, actor, scope, id);
    // Guarded by the same scope (and owner): a row that changed hands in between is not written.
    const { count } = await tx.cannedReply.updateMany({ where: { id, scope, ownerId: before.ownerId }, data: fields });
    if (count !== 1) throw new DomainError('NOT_FOUND', 'Canned reply not found.');
    const row = await tx.cannedReply.findUniqueOrThrow({ where: { id }, select });
    if (scope === 'SHARED') await audit(tx, actor, { entity: 'CANNED_REPLY', entityId: id, entityName: row.title, action: 'update', before: auditView(before), after: auditView(row) });
    return row;
  });
}

export async function deleteCannedReply(db: Db, actor: Actor, scope: CannedReplyScope, { id }: { id: string }): Promise<{ id: string }> {
  return unitOfWork(db, async (tx) => {
    const before = await findOwn(tx, actor, scope, id);
    const { count } = await tx.cannedReply.deleteMany({ where: { id, scope, ownerId: before.ownerId } });
    if (count !== 1) throw new DomainError('NOT_FOUND', 'Canned reply not found.');
    if (scope === 'SHARED') await audit(tx, actor, { entity: 'CANNED_REPLY', entityId: id, entityName: before.title, action: 'delete', before: auditView(before) });
    return { id };
  });
}
