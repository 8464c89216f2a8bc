import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import type { Prisma } from '../generated/prisma/client';
import type { TimelineKind } from '../generated/prisma/enums';
import { noteTimeline } from '../realtime/outbox';

export type TimelineEntry = {
  kind: TimelineKind;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  reason?: string;
};

/** Who did it, as TimelineEvent columns. */
export function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'USER' as const, actorUserId: actor.id, actorName: actor.name };
    case 'apiKey':
      return { actorKind: 'API_KEY' as const, actorApiKeyId: actor.id, actorName: actor.name };
    case 'system':
      return { actorKind: 'SYSTEM' as const, actorName: 'System' };
  }
}

/** Timeline rows for createMany; lets a batch write many conversations' events in one statement. */
export function timelineRows(conversationId: string, actor: Actor, entries: TimelineEntry[]) {
  const who = actorColumns(actor);
  const systemReason = actor.kind === 'system' ? actor.reason : undefined;
  return entries.map((e) => ({ conversationId, ...who, kind: e.kind, before: e.before, after: e.after, reason: e.reason ?? systemReason }));
}

/** Writes timeline events in the caller's transaction, so they exist exactly when the change does. */
export async function recordTimeline(tx: Tx, conversationId: string, actor: Actor, entries: TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.timelineEvent.createMany({ data: timelineRows(conversationId, actor, entries) });
  noteTimeline(tx, conversationId, actor, entries);
}
