import type { Db, Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from '../access/actor';
import { visibleConversationsWhere } from '../access/visibility';
import { unitOfWork } from '../db/unit-of-work';
import { metadataSizeFault, type MetadataChangeInput, type MetadataObject } from '../validation/notes';
import { DomainError, notFound } from './errors';
import { recordTimeline } from './timeline';
import { lockVisibleConversation } from './conversations/access';

// Conversation metadata (SPEC §5): free JSON per conversation, set by API clients, read by routes as
// `conversation.metadata.<key>`. A change is a change of the conversation: refused once it is
// CLOSED, written to the timeline (which keys, and their values while they are small).

export const asMetadata = (v: unknown): MetadataObject => (v && typeof v === 'object' && !Array.isArray(v) ? (v as MetadataObject) : {});

export async function getMetadata(db: Tx, actor: Actor, { conversationId: id }: { conversationId: string }): Promise<MetadataObject> {
  const c = await db.conversation.findFirst({ where: { AND: [{ id }, visibleConversationsWhere(actor)] }, select: { metadata: true } });
  if (!c) throw notFound();
  return asMetadata(c.metadata);
}

/** The timeline keeps values up to this much JSON per change; past it, only the keys. */
const TIMELINE_VALUES_MAX = 1000;

/** JSON with object keys sorted: PostgreSQL's jsonb keeps keys in an order of its own. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as MetadataObject).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const has = (m: MetadataObject, k: string) => Object.hasOwn(m, k);

async function changeMetadata(db: Db, actor: Actor, conversationId: string, next: (current: MetadataObject) => MetadataObject): Promise<MetadataObject> {
  return unitOfWork(db, async (tx) => {
    const c = await lockVisibleConversation(tx, actor, conversationId, { forChange: true });
    const before = asMetadata(c.metadata);
    const after = next(before);
    const fault = metadataSizeFault(after);
    if (fault) throw new DomainError('BAD_REQUEST', 'Metadata is too large.', { '(body)': [fault] });
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const set = keys.filter((k) => has(after, k) && !(has(before, k) && same(before[k], after[k])));
    const removed = keys.filter((k) => has(before, k) && !has(after, k));
    if (!set.length && !removed.length) return after;

    await tx.conversation.update({ where: { id: conversationId }, data: { metadata: after as Prisma.InputJsonObject, updatedAt: new Date() } });
    const pick = (m: MetadataObject, ks: string[]) => Object.fromEntries(ks.filter((k) => has(m, k)).map((k) => [k, m[k]]));
    const [old, now] = [pick(before, [...set, ...removed]), pick(after, set)];
    const small = JSON.stringify([old, now]).length <= TIMELINE_VALUES_MAX;
    await recordTimeline(tx, conversationId, actor, [
      {
        kind: 'METADATA_CHANGED',
        before: (small ? { values: old } : {}) as Prisma.InputJsonObject,
        after: { set, removed, ...(small && { values: now }) } as Prisma.InputJsonObject,
      },
    ]);
    return after;
  });
}

/** PUT: the body becomes the metadata. */
export function putMetadata(db: Db, actor: Actor, { conversationId, metadata }: MetadataChangeInput) {
  return changeMetadata(db, actor, conversationId, () => metadata);
}

/** PATCH: top-level keys merge; a key set to null is removed. */
export function patchMetadata(db: Db, actor: Actor, { conversationId, metadata }: MetadataChangeInput) {
  return changeMetadata(db, actor, conversationId, (current) => {
    // Through a Map: a key such as "__proto__" stays a key instead of reaching the object's prototype.
    const merged = new Map(Object.entries(current));
    for (const [k, v] of Object.entries(metadata)) {
      if (v === null) merged.delete(k);
      else merged.set(k, v);
    }
    return Object.fromEntries(merged);
  });
}

/** DELETE: no metadata at all (`{}`). */
export function deleteMetadata(db: Db, actor: Actor, { conversationId }: { conversationId: string }) {
  return changeMetadata(db, actor, conversationId, () => ({}));
}
