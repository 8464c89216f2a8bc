import { beforeAll, describe, expect, it } from 'vitest';
import { sqlOf } from '../db/sql';
import { SqlParams } from '../db/sql-params';
import { describeEachEngine } from '../test/db';
import { makeApiKeyActor, makeConversation, makeInbox, makeQueue, makeUser } from '../test/fixtures';
import { systemActor, type Actor } from './actor';
import { canSee, loadScope, visibleConversationsSql, visibleConversationsWhere, type Scope } from './visibility';

// The three forms of SPEC §2 visibility (Prisma where, SQL predicate, in-memory canSee) against a
// table of cases: every viewer below over every place a conversation can be (inbox × queue ×
// assignee, each also empty). Each viewer's expectation is written out by hand, in the spec's
// words, so the test checks the rule as well as the agreement of its three forms.

type Inbox = 'A' | 'B' | null;
type Queue = 'Q' | 'R' | null;
type Agent = 'ana' | 'dan' | null;
type Place = { inbox: Inbox; queue: Queue; agent: Agent };

const PLACES: Place[] = (['A', 'B', null] as Inbox[]).flatMap((inbox) =>
  (['Q', 'R', null] as Queue[]).flatMap((queue) => (['ana', 'dan', null] as Agent[]).map((agent) => ({ inbox, queue, agent }))),
);

// Who belongs where: ana collaborates on A and is in Q, ben collaborates on B, cara is in R; dan,
// the supervisor and the admin belong nowhere.
type Person = 'ana' | 'ben' | 'cara' | 'dan' | 'sue' | 'ada';

type Case = {
  name: string;
  actor: () => Promise<Actor>;
  /** The user whose scope the live stream would load, at the actor's role; none for a viewer without a user. */
  scopeOf?: Person;
  sees: (c: Place) => boolean;
};

describeEachEngine('visibility: the Prisma where, the SQL predicate and canSee agree', (ctx) => {
  const users = {} as Record<Person, Extract<Actor, { kind: 'user' }>>;
  const inboxes = {} as Record<'A' | 'B', string>;
  const queues = {} as Record<'Q' | 'R', string>;
  const conversations: { id: string; place: Place; row: { inboxId: string | null; queueId: string | null; agentId: string | null } }[] = [];

  beforeAll(async () => {
    const p = ctx.prisma;
    const roles = { ana: 'AGENT', ben: 'AGENT', cara: 'AGENT', dan: 'AGENT', sue: 'SUPERVISOR', ada: 'ADMIN' } as const;
    for (const [person, role] of Object.entries(roles)) users[person as Person] = await makeUser(p, role);
    inboxes.A = (await makeInbox(p, { collaborators: [users.ana.id] })).id;
    inboxes.B = (await makeInbox(p, { collaborators: [users.ben.id] })).id;
    queues.Q = (await makeQueue(p, [users.ana.id])).id;
    queues.R = (await makeQueue(p, [users.cara.id])).id;
    for (const place of PLACES) {
      const row = {
        inboxId: place.inbox && inboxes[place.inbox],
        queueId: place.queue && queues[place.queue],
        agentId: place.agent && users[place.agent].id,
      };
      conversations.push({ id: (await makeConversation(p, row)).id, place, row });
    }
  });

  const user = (person: Person) => async () => users[person];
  const key = (role: 'AGENT' | 'SUPERVISOR' | 'ADMIN', person: Person | null) => async () => makeApiKeyActor(ctx.prisma, role, person && users[person].id);
  const all = () => true;
  const none = () => false;

  const cases: Case[] = [
    { name: 'an agent: assigned to them, their inbox, their queue', actor: user('ana'), scopeOf: 'ana', sees: (c) => c.agent === 'ana' || c.inbox === 'A' || c.queue === 'Q' },
    { name: 'an agent with an inbox only', actor: user('ben'), scopeOf: 'ben', sees: (c) => c.inbox === 'B' },
    { name: 'an agent with a queue only', actor: user('cara'), scopeOf: 'cara', sees: (c) => c.queue === 'R' },
    { name: 'an agent with assignments only', actor: user('dan'), scopeOf: 'dan', sees: (c) => c.agent === 'dan' },
    { name: 'a supervisor in nothing', actor: user('sue'), scopeOf: 'sue', sees: all },
    { name: 'an admin in nothing', actor: user('ada'), scopeOf: 'ada', sees: all },
    { name: 'an AGENT key acting for an agent', actor: key('AGENT', 'ana'), scopeOf: 'ana', sees: (c) => c.agent === 'ana' || c.inbox === 'A' || c.queue === 'Q' },
    { name: 'a SUPERVISOR key acting for an agent', actor: key('SUPERVISOR', 'dan'), scopeOf: 'dan', sees: all },
    { name: 'an AGENT key of its own', actor: key('AGENT', null), sees: none },
    { name: 'a SUPERVISOR key of its own', actor: key('SUPERVISOR', null), sees: all },
    { name: 'an ADMIN key of its own', actor: key('ADMIN', null), sees: all },
    { name: 'the system', actor: async () => systemActor('test'), sees: all },
  ];

  const label = (c: Place) => `${c.inbox ?? '-'}/${c.queue ?? '-'}/${c.agent ?? '-'}`;
  const ids = () => conversations.map((c) => c.id);

  for (const t of cases) {
    it(t.name, async () => {
      const actor = await t.actor();
      const expected = conversations.filter((c) => t.sees(c.place)).map((c) => label(c.place)).sort();
      const labelsOf = (seen: Iterable<string>) => {
        const set = new Set(seen);
        return conversations.filter((c) => set.has(c.id)).map((c) => label(c.place)).sort();
      };

      const viaPrisma = await ctx.prisma.conversation.findMany({ where: { AND: [{ id: { in: ids() } }, visibleConversationsWhere(actor)] }, select: { id: true } });
      expect(labelsOf(viaPrisma.map((r) => r.id)), 'Prisma where').toEqual(expected);

      const p = new SqlParams();
      const within = p.add(ids());
      const viaSql = await sqlOf(ctx.prisma).query<{ id: string }>(`SELECT c.id FROM "Conversation" c WHERE c.id = ANY(${within}::text[]) AND ${visibleConversationsSql(actor, p)}`, p.values);
      expect(labelsOf(viaSql.map((r) => r.id)), 'SQL predicate').toEqual(expected);

      if (t.scopeOf) {
        const loaded = await loadScope(ctx.prisma, users[t.scopeOf].id);
        expect(loaded).not.toBeNull();
        const scope: Scope = { ...loaded!, role: actor.role };
        expect(labelsOf(conversations.filter((c) => canSee(scope, c.row)).map((c) => c.id)), 'canSee').toEqual(expected);
      }
    });
  }

  it('loadScope reads the role, inboxes and queues in one query, and nothing for a disabled or unknown user', async () => {
    const before = ctx.queryCount();
    const scope = await loadScope(ctx.prisma, users.ana.id);
    expect(ctx.queryCount() - before).toBe(1);
    expect(scope).toEqual({ userId: users.ana.id, role: 'AGENT', inboxIds: new Set([inboxes.A]), queueIds: new Set([queues.Q]), sessionVersion: 0 });
    const off = await makeUser(ctx.prisma, 'ADMIN', { enabled: false });
    expect(await loadScope(ctx.prisma, off.id)).toBeNull();
    expect(await loadScope(ctx.prisma, 'no-such-user')).toBeNull();
  });
});

describe('canSee', () => {
  const scope: Scope = { userId: 'me', role: 'AGENT', inboxIds: new Set(['i1']), queueIds: new Set(['q1']) };

  it('an empty place reaches nobody below seeAll, whatever the scope holds', () => {
    expect(canSee(scope, { inboxId: null, queueId: null, agentId: null })).toBe(false);
    expect(canSee({ ...scope, role: 'SUPERVISOR' }, { inboxId: null, queueId: null, agentId: null })).toBe(true);
  });

  it('an inbox id is not a queue id (each path reads its own column)', () => {
    expect(canSee(scope, { inboxId: 'q1', queueId: 'i1', agentId: null })).toBe(false);
  });
});
