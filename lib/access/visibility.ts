import type { Tx } from '../db';
import type { SqlParams } from '../db/sql-params';
import { Prisma } from '../generated/prisma/client';
import type { Role } from '../generated/prisma/enums';
import { actingUserId, type Actor } from './actor';
import { can } from './roles';

// SPEC §2, conversation visibility, defined once. A role with `conversations.seeAll` (SUPERVISOR,
// ADMIN) sees every conversation. Anyone else sees through a user (an API key through the user it
// acts for; a key of its own, and so nothing): a conversation assigned to them, in an inbox they
// collaborate on, or in a queue they are a member of.
//
// The rule is the data below; the three forms the code needs are read off it, so they cannot
// drift: a Prisma `where` and an SQL predicate, which ask the membership tables inside the
// statement they join (nothing is loaded first, so reads and locked writes add no round trip), and
// `canSee`, an in-memory check against a loaded `Scope` (the live stream judges each event without
// a query). visibility.test.ts checks the three agree, on both engines.
//
// The locking read (lockVisibleConversation) stays in lib/domain/conversations/access.ts: it is
// the domain's protocol (row lock first, then the CLOSED rule, domain errors), built on this rule.

/** The conversation column that names its assignee: visible to that user. */
const ASSIGNEE = 'agentId';

/**
 * The memberships through which a user sees a conversation: a row of `table` whose `column` and
 * `userId` tie the conversation's `column` to the user. `scope` is where a loaded Scope keeps the
 * user's values; `where` is the same path in Prisma's words (relation names the compiler checks).
 */
const MEMBERSHIPS = [
  {
    column: 'inboxId',
    table: 'InboxCollaborator',
    scope: 'inboxIds',
    where: (userId: string): Prisma.ConversationWhereInput => ({ inbox: { collaborators: { some: { userId } } } }),
  },
  {
    column: 'queueId',
    table: 'QueueMember',
    scope: 'queueIds',
    where: (userId: string): Prisma.ConversationWhereInput => ({ queue: { members: { some: { userId } } } }),
  },
] as const;

/** The columns of a conversation the rule reads (a row, or the state a realtime event carries). */
export type ConversationPlace = { inboxId: string | null; queueId: string | null; agentId: string | null };

/** What one user may see, loaded once, for judging many conversations in memory. */
export type Scope = { userId: string; role: Role; inboxIds: ReadonlySet<string>; queueIds: ReadonlySet<string>; /** Raised by a password change or reset (lib/auth/session.ts). */ sessionVersion?: number };

/** Who is looking, as the rule sees it: everything, nothing, or what one user's paths reach. */
type Viewer = 'all' | 'none' | { userId: string };

function viewer(role: Role, userId: string | null): Viewer {
  if (can(role, 'conversations.seeAll')) return 'all';
  return userId ? { userId } : 'none';
}

/** (a) The rule as a Prisma `where` on Conversation. */
export function visibleConversationsWhere(actor: Actor): Prisma.ConversationWhereInput {
  const v = viewer(actor.role, actingUserId(actor));
  if (v === 'all') return {};
  if (v === 'none') return { id: { in: [] } };
  return { OR: [{ [ASSIGNEE]: v.userId }, ...MEMBERSHIPS.map((m) => m.where(v.userId))] };
}

/** (b) The rule as an SQL predicate over `"Conversation" c`, its user id added to `p`. */
export function visibleConversationsSql(actor: Actor, p: SqlParams): string {
  const v = viewer(actor.role, actingUserId(actor));
  if (v === 'all') return 'true';
  if (v === 'none') return 'false';
  const u = `${p.add(v.userId)}::text`;
  const paths = [
    `c."${ASSIGNEE}" = ${u}`,
    ...MEMBERSHIPS.map((m) => `EXISTS (SELECT 1 FROM "${m.table}" m WHERE m."${m.column}" = c."${m.column}" AND m."userId" = ${u})`),
  ];
  return `(${paths.join('\n    OR ')})`;
}

/** (c) The rule in memory: whether a user with this scope sees a conversation in this place. */
export function canSee(scope: Scope, c: ConversationPlace): boolean {
  const v = viewer(scope.role, scope.userId);
  if (v === 'all') return true;
  if (v === 'none') return false;
  return (
    c[ASSIGNEE] === v.userId ||
    MEMBERSHIPS.some((m) => {
      const id = c[m.column];
      return id !== null && scope[m.scope].has(id);
    })
  );
}

type ScopeRow = { role: Role; enabled: boolean; sessionVersion: number } & Record<(typeof MEMBERSHIPS)[number]['scope'], string[]>;

// The user's values of each membership, read off the rule, so a path added there is loaded here.
const scopeColumns = Prisma.raw(
  MEMBERSHIPS.map((m) => `ARRAY(SELECT m."${m.column}" FROM "${m.table}" m WHERE m."userId" = u.id) AS "${m.scope}"`).join(',\n  '),
);

/**
 * A user's scope in one statement (the stream re-reads it at every ping; Prisma's nested select
 * took three): their role and the inboxes and queues they belong to. Null for an unknown or
 * disabled user, who sees nothing (callers fail closed on it).
 */
export async function loadScope(db: Tx, userId: string): Promise<Scope | null> {
  const [user] = await db.$queryRaw<ScopeRow[]>`SELECT u.role, u.enabled, u."sessionVersion", ${scopeColumns} FROM "User" u WHERE u.id = ${userId}`;
  if (!user?.enabled) return null;
  return { userId, role: user.role, inboxIds: new Set(user.inboxIds), queueIds: new Set(user.queueIds), sessionVersion: user.sessionVersion };
}
