import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeInbox, makeQueue, makeUser, uid, type UserActor } from '../../test/fixtures';
import type { Actor } from '../../access/actor';
import { invoke } from '../../operations/operation';
import { createConversationOp } from '../../operations/conversations';
import { addMessageOp } from '../../operations/tags-messages';
import { listConversations } from './list';
import { countByStatusFiltered } from './list-counts';
import { resolveSearch } from './search';
import { loadInboxList } from './inbox-list';
import { conversationListQuerySchema, ORDER_BY_FIELDS } from '../../validation/conversations';
import type { SearchScope } from './search-sql';
import { TAB_COUNT_CAP } from '../../query/inbox-filters';

// The inbox's default view, sorts, tab counts and search, through the list the console and the
// API share (listConversations) and the console's own read (loadInboxList).

describeEachEngine('inbox views', (ctx) => {
  let sup: UserActor;
  let ana: UserActor;
  let ben: UserActor;
  let inboxId: string;
  const q = (over: Record<string, unknown> = {}) => conversationListQuerySchema.parse({ limit: 999, inboxId, ...over });
  const topics = async (actor: Actor, over: Record<string, unknown> = {}) => (await listConversations(ctx.prisma, actor, q(over))).items.map((c) => c.topic);
  const create = (input: Record<string, unknown>, actor: Actor = sup) => invoke(createConversationOp, { db: ctx.prisma, actor }, { inboxId, ...input });
  const message = (conversationId: string, direction: 'INBOUND' | 'OUTBOUND', text: string, actor: Actor = sup) =>
    invoke(addMessageOp, { db: ctx.prisma, actor }, { conversationId, direction, content: { text } });
  const idOf = (r: Awaited<ReturnType<typeof create>>) => ('created' in r ? r.created.id : (r as unknown as { id: string }).id);
  const row = (id: string) => ctx.prisma.conversation.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    [sup, ana, ben] = await Promise.all([makeUser(ctx.prisma, 'SUPERVISOR'), makeUser(ctx.prisma, 'AGENT'), makeUser(ctx.prisma, 'AGENT')]);
    // No auto-assignment here: who has what is set by the tests.
    inboxId = (await ctx.prisma.inbox.create({ data: { name: uid('inbox'), autoAssign: false, collaborators: { create: [{ userId: ana.id }, { userId: ben.id }] } } })).id;
  });

  describe('the waiting clock', () => {
    it('runs from creation, stops at an answer, starts again when the customer writes, and is not reset by a second message', async () => {
      const id = idOf(await create({ topic: 'clock', customer: { email: `${uid('c')}@t.example` }, message: { text: 'Hello?' } }));
      const created = await row(id);
      expect(created.waitingSince).toEqual(created.createdAt);
      expect(created.lastInboundAt).toEqual(created.createdAt);

      await message(id, 'OUTBOUND', 'Hi, how can I help?');
      expect((await row(id)).waitingSince).toBeNull();

      const asked = await message(id, 'INBOUND', 'My parcel is late');
      expect(await row(id)).toMatchObject({ waitingSince: asked.createdAt, lastInboundAt: asked.createdAt });
      const again = await message(id, 'INBOUND', 'Anyone there?');
      expect(await row(id)).toMatchObject({ waitingSince: asked.createdAt, lastInboundAt: again.createdAt });
    });

    it('without a first message: waiting since created, no customer message yet', async () => {
      const id = idOf(await create({ topic: 'quiet' }));
      const c = await row(id);
      expect(c.waitingSince).toEqual(c.createdAt);
      expect(c.lastInboundAt).toBeNull();
    });
  });

  describe('sorts and the default view', () => {
    let sortInbox: string;
    const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) - minutesAgo * 60_000);
    beforeAll(async () => {
      sortInbox = (await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id] })).id;
      const rows = [
        { topic: 'answered', priority: 'URGENT', waitingSince: null, lastInboundAt: at(5), createdAt: at(50) },
        { topic: 'long', priority: 'LOW', waitingSince: at(40), lastInboundAt: at(40), createdAt: at(45) },
        { topic: 'short', priority: 'HIGH', waitingSince: at(10), lastInboundAt: at(10), createdAt: at(30) },
        { topic: 'mid-urgent', priority: 'URGENT', waitingSince: at(20), lastInboundAt: null, createdAt: at(20) },
        { topic: 'bens', priority: 'NORMAL', waitingSince: at(60), lastInboundAt: at(60), createdAt: at(60), agentId: ben.id },
        { topic: 'anas', priority: 'NORMAL', waitingSince: at(15), lastInboundAt: at(15), createdAt: at(15), agentId: ana.id, status: 'WAITING' },
        { topic: 'solved', priority: 'NORMAL', waitingSince: at(90), lastInboundAt: at(90), createdAt: at(90), status: 'SOLVED' },
      ] as const;
      for (const r of rows) await ctx.prisma.conversation.create({ data: { ...r, inboxId: sortInbox } });
    });
    const list = (actor: Actor, over: Record<string, unknown>) => topics(actor, { inboxId: sortInbox, status: 'OPEN,WAITING', ...over });

    it('waiting: longest first, answered last; the reverse exactly reversed', async () => {
      expect(await list(sup, { orderBy: 'waitingSince:asc' })).toEqual(['bens', 'long', 'mid-urgent', 'anas', 'short', 'answered']);
      expect(await list(sup, { orderBy: 'waitingSince:desc' })).toEqual(['answered', 'short', 'anas', 'mid-urgent', 'long', 'bens']);
    });

    it('priority: most urgent first, then longest waiting', async () => {
      expect(await list(sup, { orderBy: 'priority:asc' })).toEqual(['mid-urgent', 'answered', 'short', 'bens', 'anas', 'long']);
    });

    it('last customer message: latest first, never wrote last; created: newest first', async () => {
      expect(await list(sup, { orderBy: 'lastInboundAt:desc' })).toEqual(['answered', 'short', 'anas', 'long', 'bens', 'mid-urgent']);
      expect(await list(sup, { orderBy: 'createdAt:desc' })).toEqual(['anas', 'mid-urgent', 'short', 'long', 'answered', 'bens']);
    });

    it('an agent’s default view: their own and the unassigned they may take, open or waiting, longest waiting first', async () => {
      const page = await loadInboxList(ctx.prisma, ana, { page: 0, inbox: sortInbox });
      expect(page.items.map((c) => c.topic)).toEqual(['long', 'mid-urgent', 'anas', 'short', 'answered']);
      // A supervisor's: all open work, whoever has it.
      expect((await loadInboxList(ctx.prisma, sup, { page: 0, inbox: sortInbox })).items.map((c) => c.topic)).toEqual(['bens', 'long', 'mid-urgent', 'anas', 'short', 'answered']);
      // Wider on request.
      expect((await loadInboxList(ctx.prisma, ana, { page: 0, inbox: sortInbox, status: 'all', assignee: 'any' })).items).toHaveLength(7);
    });

    it('the tab counts follow the other filters, not the status', async () => {
      const page = await loadInboxList(ctx.prisma, sup, { page: 0, inbox: sortInbox, status: 'SOLVED' });
      expect(page.counts).toEqual({ OPEN: 5, WAITING: 1, SOLVED: 1, CLOSED: 0 });
      expect((await loadInboxList(ctx.prisma, ana, { page: 0, inbox: sortInbox })).counts).toEqual({ OPEN: 4, WAITING: 1, SOLVED: 1, CLOSED: 0 });
      expect((await loadInboxList(ctx.prisma, sup, { page: 0, inbox: sortInbox, priority: 'URGENT' })).counts).toEqual({ OPEN: 2, WAITING: 0, SOLVED: 0, CLOSED: 0 });
    });

    it('a snoozed conversation is out of the default view and in the Snoozed tab, counted apart; its time come, it shows again', async () => {
      const snoozeInbox = (await makeInbox(ctx.prisma, { collaborators: [ana.id] })).id;
      const future = new Date(Date.now() + 3_600_000);
      await ctx.prisma.conversation.create({ data: { topic: 'awake', inboxId: snoozeInbox, waitingSince: at(5) } });
      await ctx.prisma.conversation.create({ data: { topic: 'asleep', inboxId: snoozeInbox, status: 'WAITING', snoozedUntil: future, waitingSince: at(9) } });
      const due = await ctx.prisma.conversation.create({ data: { topic: 'due', inboxId: snoozeInbox, status: 'WAITING', snoozedUntil: future, waitingSince: at(7) } });
      const shown = async (filters: Record<string, unknown>) => (await loadInboxList(ctx.prisma, sup, { page: 0, inbox: snoozeInbox, ...filters })).items.map((c) => c.topic);
      expect(await shown({})).toEqual(['awake']);
      expect(await shown({ status: 'all', snoozed: 'only' })).toEqual(['asleep', 'due']);
      // The WAITING tab is every waiting conversation, snoozed or not.
      expect(await shown({ status: 'WAITING' })).toEqual(['asleep', 'due']);
      const page = await loadInboxList(ctx.prisma, sup, { page: 0, inbox: snoozeInbox });
      expect(page.counts).toMatchObject({ OPEN: 1, WAITING: 2 });
      expect(page.snoozed).toBe(2);
      // Past its time (before the sweep has woken it) it is back in the default view.
      await ctx.prisma.conversation.update({ where: { id: due.id }, data: { snoozedUntil: new Date(Date.now() - 1000) } });
      expect(await shown({})).toEqual(['due', 'awake']);
    });

    it('a list page costs at most four statements', async () => {
      const before = ctx.queryCount();
      await loadInboxList(ctx.prisma, ana, { page: 0, q: 'long' });
      expect(ctx.queryCount() - before).toBeLessThanOrEqual(4);
    });
  });

  it('tab counts stop at the cap', async () => {
    const capInbox = (await makeInbox(ctx.prisma)).id;
    await ctx.sql.exec(`
      INSERT INTO "Conversation" (id, topic, "inboxId", "updatedAt") SELECT 'cap-' || g, 'cap', '${capInbox}', now() FROM generate_series(1, ${TAB_COUNT_CAP + 20}) g`);
    const { counts, snoozed } = await countByStatusFiltered(ctx.prisma, sup, q({ inboxId: capInbox }));
    expect(counts).toMatchObject({ OPEN: TAB_COUNT_CAP + 1, CLOSED: 0 });
    expect(snoozed).toBe(0);
  });

  describe('search', () => {
    let searchInbox: string;
    beforeAll(async () => {
      searchInbox = (await makeInbox(ctx.prisma, { collaborators: [ana.id] })).id;
      const make = (input: Record<string, unknown>) => create({ inboxId: searchInbox, ...input });
      const late = idOf(await make({ topic: 'Delivery', customer: { email: 'olga.petrova@post.example', name: 'Olga Petrova', phone: '+49 170 555-0101' }, message: { text: 'Hello' } }));
      await message(late, 'INBOUND', 'My parcel is late, it was due on Monday.');
      await make({ topic: 'Invoice question', summary: 'Customer wants a copy of the March invoice' });
      await make({ topic: 'Quote <b>bold</b> & co', message: { text: 'nothing to see' } });
      await make({ topic: 'kbmove-x1y2 one', message: { text: 'About ticket ABC-123, and order-4242.' } });
    });
    const find = (text: string, actor: Actor = sup) => topics(actor, { inboxId: searchInbox, text, orderBy: 'createdAt:asc' });

    it('finds words in a message body, with the message to show', async () => {
      expect(await find('parcel is late')).toEqual(['Delivery']);
      const page = await listConversations(ctx.prisma, sup, q({ inboxId: searchInbox, text: 'parcel late' }));
      expect(page.items[0].matchedMessage).toBe('My parcel is late, it was due on Monday.');
    });

    it('matches word starts, case-insensitively, in topic, summary and the customer’s name, email and phone', async () => {
      expect(await find('PARC')).toEqual(['Delivery']);
      expect(await find('invoice')).toEqual(['Invoice question']);
      expect(await find('march')).toEqual(['Invoice question']);
      expect(await find('petrova')).toEqual(['Delivery']);
      expect(await find('olga.petrova@post.example')).toEqual(['Delivery']);
      expect(await find('491705550101')).toEqual(['Delivery']);
      // Not a word start: no match.
      expect(await find('arcel')).toEqual([]);
      // Compounds (a topic's prefix, ticket and order numbers), whole, in part, or as they are typed.
      for (const text of ['kbmove-x1y2', 'KBMOVE-X1Y2 one', 'kbmove-x1', 'x1y2', 'abc-123', 'ABC', 'order-4242', '4242']) {
        expect(await find(text), text).toEqual(['kbmove-x1y2 one']);
      }
      expect(await find('kbmove-x1y3')).toEqual([]);
    });

    it('every word must match; query syntax typed is only text', async () => {
      expect(await find('parcel invoice')).toEqual([]);
      expect(await find("bold & co')")).toEqual(['Quote <b>bold</b> & co']);
      expect(await find("' | ! :* (")).toEqual([]);
      expect(await find('\\\\')).toEqual([]);
    });

    it('only within what the actor may see', async () => {
      expect(await find('parcel', ben)).toEqual([]);
      expect(await find('parcel', ana)).toEqual(['Delivery']);
    });

    // A search finding more than SEARCH_IDS_CAP conversations walks the list row by row instead of
    // looking ids up: the same rows in the same order, for every query above, but not counted.
    it('the probe: the ids when they are few, `many` past the cap', async () => {
      const few = await resolveSearch(ctx.prisma, 'parcel');
      expect(few.kind).toBe('ids');
      expect(few.kind === 'ids' && few.ids.length).toBeGreaterThanOrEqual(1);
      expect(await resolveSearch(ctx.prisma, 'zzzznothing')).toEqual({ kind: 'ids', ids: [] });
      expect(await resolveSearch(ctx.prisma, 'parcel', 0)).toEqual({ kind: 'many' });
    });

    // Walked within its budget, and with a budget too small (1 row, then 2) so the index is asked.
    it('walking finds exactly what the ids find, for every search above and every actor, within its budget or past it', async () => {
      const texts = ['parcel is late', 'PARC', 'invoice', 'march', 'petrova', 'olga.petrova@post.example', '491705550101', 'arcel', 'parcel invoice', "bold & co')", "' | ! :* (", '\\\\', 'o', 'kbmove-x1', 'abc-123'];
      for (const budget of [undefined, 1, 2]) {
        const walk = async (text: string, actor: Actor = sup) =>
          (await listConversations(ctx.prisma, actor, { ...q({ inboxId: searchInbox, text, orderBy: 'createdAt:asc' }), search: { kind: 'many', budget } })).items.map((c) => c.topic);
        for (const text of texts) expect(await walk(text), `${text}, budget ${budget}`).toEqual(await find(text));
        expect(await walk('parcel', ben)).toEqual([]);
        expect(await walk('parcel', ana)).toEqual(['Delivery']);
      }
    });

    it('walked or looked up, every sort gives the order the ids give', async () => {
      for (const field of ORDER_BY_FIELDS) {
        for (const orderBy of [`${field}:asc`, `${field}:desc`]) {
          const list = async (search?: SearchScope) =>
            (await listConversations(ctx.prisma, sup, { ...q({ inboxId: searchInbox, text: 'o', orderBy }), ...(search && { search }) })).items.map((c) => c.id);
          const ids = await list();
          expect(ids.length).toBeGreaterThanOrEqual(2);
          expect(await list({ kind: 'many' }), orderBy).toEqual(ids);
          expect(await list({ kind: 'many', budget: 1 }), orderBy).toEqual(ids);
        }
      }
    });

    it('walked pages are not counted: totalItems says whether another page follows, the tabs have no numbers', async () => {
      const all = await find('o');
      expect(all.length).toBeGreaterThanOrEqual(2);
      for (const budget of [undefined, 1]) {
        const page = (n: number) => listConversations(ctx.prisma, sup, { ...q({ inboxId: searchInbox, text: 'o', limit: 1, page: n, orderBy: 'createdAt:asc' }), search: { kind: 'many', budget } });
        const first = await page(0);
        expect(first).toMatchObject({ counted: false, totalItems: 2 });
        expect(first.items.map((c) => c.topic)).toEqual([all[0]]);
        const last = await page(all.length - 1);
        expect(last).toMatchObject({ counted: false, totalItems: all.length });
        expect(last.items.map((c) => c.topic)).toEqual([all.at(-1)]);
      }
      expect(await countByStatusFiltered(ctx.prisma, sup, { ...q({ inboxId: searchInbox, text: 'o' }), search: { kind: 'many' } })).toEqual({ counts: {}, snoozed: 0, counted: false });
      // Few enough to look up: counted as before.
      expect(await listConversations(ctx.prisma, sup, q({ inboxId: searchInbox, text: 'o', limit: 1 }))).toMatchObject({ counted: true, totalItems: all.length });
    });
  });
});
