import type { Db, Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { ROLE_RANK, can } from '../access/roles';
import type { Role } from '../generated/prisma/enums';
import { actingUserId, type Actor } from '../access/actor';
import type { ConversationPlace } from '../access/visibility';
import { unitOfWork } from '../db/unit-of-work';
import { emit } from '../realtime/outbox';
import type { CreateNoteInput, NoteListInput } from '../validation/notes';
import { DomainError } from './errors';
import { recordTimeline } from './timeline';
import { lockVisibleConversation } from './conversations/access';
import { getConversation } from './conversations/get';
import { resolveMentions, type MentionCandidate } from './mentions';

// Internal notes (SPEC §5): never sent to the customer, visible to whoever sees the conversation.
// Adding one is not a change of the conversation, so it is allowed on a CLOSED one too; it leaves a
// NOTE_ADDED timeline entry and tells the people it @mentions, live.

const ROLES_SEEING_ALL = (Object.keys(ROLE_RANK) as Role[]).filter((r) => can(r, 'conversations.seeAll'));

/**
 * Everyone who may see a conversation in this place (SPEC §2, lib/access/visibility.ts read the
 * other way round): enabled users whose role sees all, its assignee, the collaborators of its
 * inbox and the members of its queue. The mention picker offers them; mentions resolve against them.
 * notes.test.ts holds it to `visibleConversationsWhere` for every user.
 */
export async function conversationViewers(db: Tx, c: ConversationPlace): Promise<MentionCandidate[]> {
  const paths: Prisma.UserWhereInput[] = [{ role: { in: ROLES_SEEING_ALL } }];
  if (c.agentId) paths.push({ id: c.agentId });
  if (c.inboxId) paths.push({ collaborations: { some: { inboxId: c.inboxId } } });
  if (c.queueId) paths.push({ queueMemberships: { some: { queueId: c.queueId } } });
  return db.user.findMany({ where: { enabled: true, OR: paths }, select: { id: true, name: true, email: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}

/** The people the note box may @mention on this conversation (the actor must see it: 404 otherwise). */
export async function mentionCandidates(db: Tx, actor: Actor, { conversationId }: { conversationId: string }): Promise<MentionCandidate[]> {
  const c = await getConversation(db, actor, { conversationId });
  return conversationViewers(db, c);
}

const noteInclude = { author: { select: { id: true, name: true } } } as const satisfies Prisma.NoteInclude;
export type NoteRow = Prisma.NoteGetPayload<{ include: typeof noteInclude }>;

export async function listNotes(db: Tx, actor: Actor, { conversationId, page, limit, orderBy }: NoteListInput) {
  await getConversation(db, actor, { conversationId });
  const [field, dir] = orderBy.split(':') as ['createdAt' | 'updatedAt' | 'id', 'asc' | 'desc'];
  const where = { conversationId };
  const [notes, totalItems] = await Promise.all([
    db.note.findMany({ where, include: noteInclude, orderBy: [{ [field]: dir }, { id: dir }], skip: page * limit, take: limit }),
    db.note.count({ where }),
  ]);
  return { notes, totalItems, page, limit, orderBy };
}

/**
 * Adds a note. Its author (`agentId`) is the one given, who must be someone who may see the
 * conversation, or else the user the caller acts as (none for a key of its own). Mentions are
 * resolved against the same people; each one mentioned (the author aside) hears of it live.
 */
export async function createNote(db: Db, actor: Actor, { conversationId, type, content, agentId }: CreateNoteInput): Promise<NoteRow> {
  return unitOfWork(db, async (tx) => {
    // Not `forChange`: a note is internal, not a change of the conversation, so CLOSED is no bar.
    const c = await lockVisibleConversation(tx, actor, conversationId, { forChange: false });
    const viewers = await conversationViewers(tx, c);
    // Writing in someone else's name is for supervisors and admins (a bot's key noting for an agent).
    if (agentId && agentId !== actingUserId(actor) && !can(actor.role, 'conversations.seeAll')) {
      throw new DomainError('FORBIDDEN', 'Only supervisors and admins may write a note in another agent’s name.', { agentId: ['Not yourself.'] });
    }
    const authorId = agentId ?? actingUserId(actor);
    const author = authorId ? viewers.find((v) => v.id === authorId) : undefined;
    if (agentId && !author) {
      throw new DomainError('BAD_REQUEST', 'The note’s author must be an agent who may see this conversation.', {
        agentId: ['No enabled user with this id may see this conversation.'],
      });
    }
    const mentioned = resolveMentions(content, viewers);
    const note = await tx.note.create({
      data: {
        conversationId,
        type,
        content,
        authorId: author?.id ?? null,
        authorApiKeyId: actor.kind === 'apiKey' ? actor.id : null,
        mentionedUserIds: mentioned.map((m) => m.id),
      },
      include: noteInclude,
    });
    await recordTimeline(tx, conversationId, actor, [{ kind: 'NOTE_ADDED', after: { noteId: note.id, mentionedUserIds: note.mentionedUserIds } }]);
    const byName = author?.name ?? actor.name;
    for (const m of mentioned) {
      if (m.id === author?.id) continue;
      emit(tx, { type: 'mention', userId: m.id, conversationId, noteId: note.id, byName });
    }
    return note;
  });
}
