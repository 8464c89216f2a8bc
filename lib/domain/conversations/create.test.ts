import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { RACERS, counts, patient, expectDomainError, makeApiKeyActor, makeInbox, makeQueue, makeUser, uid, type UserActor } from '../../test/fixtures';
import { systemActor, type Actor } from '../../access/actor';
import type { CreateConversationInput } from '../../validation/conversations';
import { invoke } from '../../operations/operation';
import { createConversationOp } from '../../operations/conversations';
import { createConversation } from './create';

describeEachEngine('createConversation', (ctx) => {
  let agent: UserActor;
  let defaultInbox: { id: string };

  beforeAll(async () => {
    agent = await makeUser(ctx.prisma, 'AGENT');
    defaultInbox = await makeInbox(ctx.prisma, { isDefault: true });
  });

  const create = (input: CreateConversationInput, actor: Actor = agent) => createConversation(ctx.prisma, actor, input);
  const race = (input: CreateConversationInput) => createConversation(patient(ctx.prisma), agent, input);
  /** Raw input, parsed at the door as a caller's would be: validation is the operation's. */
  const createRaw = async (input: unknown) => {
    const result = await invoke(createConversationOp, { db: ctx.prisma, actor: agent }, input);
    if (!('created' in result)) throw new Error('A create without an Idempotency-Key cannot be a replay.');
    return result.created;
  };

  it('defaults to OPEN, NORMAL and NO_CHANNEL, with no queue, agent, customer or closedAt', async () => {
    const c = await create({});
    expect(c).toMatchObject({
      status: 'OPEN',
      priority: 'NORMAL',
      channel: 'NO_CHANNEL',
      topic: null,
      summary: null,
      queueId: null,
      agentId: null,
      customerId: null,
      closedAt: null,
      queuedAt: null,
      assignedAt: null,
      inboxId: defaultInbox.id,
    });
    expect(c.tags).toEqual([]);
    expect(await ctx.prisma.message.count({ where: { conversationId: c.id } })).toBe(0);
  });

  it('stores the given properties, and stamps queuedAt/assignedAt for a given queue and agent', async () => {
    const queue = await makeQueue(ctx.prisma);
    const c = await create({ topic: 'Refund', summary: 'Wants money back', status: 'WAITING', priority: 'URGENT', queueId: queue.id, agentId: agent.id });
    expect(c).toMatchObject({ topic: 'Refund', summary: 'Wants money back', status: 'WAITING', priority: 'URGENT', queueId: queue.id, agentId: agent.id });
    expect(c.queuedAt).toBeInstanceOf(Date);
    expect(c.assignedAt).toBeInstanceOf(Date);
    expect(c.closedAt).toBeNull();
  });

  describe('inbox', () => {
    it('uses the inbox asked for, and takes its channel when none is given', async () => {
      const inbox = await makeInbox(ctx.prisma, { channel: 'EMAIL' });
      const c = await create({ inboxId: inbox.id });
      expect(c.inboxId).toBe(inbox.id);
      expect(c.channel).toBe('EMAIL');
    });

    it('else the oldest inbox of the channel', async () => {
      const newer = await makeInbox(ctx.prisma, { channel: 'TELEGRAM', createdAt: new Date('2025-02-01T00:00:00Z') });
      const oldest = await makeInbox(ctx.prisma, { channel: 'TELEGRAM', createdAt: new Date('2025-01-01T00:00:00Z') });
      const c = await create({ channel: 'TELEGRAM' });
      expect(c.inboxId).toBe(oldest.id);
      expect(c.inboxId).not.toBe(newer.id);
      expect(c.channel).toBe('TELEGRAM');
    });

    it('is NO_CHANNEL when the request names neither a channel nor an inbox, whatever inbox it lands in', async () => {
      await makeInbox(ctx.prisma, { channel: 'LIVE_CHAT', isDefault: true });
      const c = await create({ topic: 'From an Infobip client' });
      expect(c.inboxId).not.toBeNull();
      expect(c.channel).toBe('NO_CHANNEL');
      const fromMessage = await create({ message: { text: 'Hi', channel: 'VIBER' } });
      expect(fromMessage.channel).toBe('VIBER');
    });

    it('else the default inbox, keeping the channel asked for', async () => {
      const c = await create({ channel: 'VIBER' });
      expect(c.inboxId).toBe(defaultInbox.id);
      expect(c.channel).toBe('VIBER');
    });

    it('refuses an unknown inboxId with 400 naming inboxId, and writes nothing', async () => {
      const before = await counts(ctx.prisma);
      await expectDomainError(
        create({ inboxId: 'no-such-inbox', customer: { email: `${uid()}@c.example` }, tags: [uid('t')], message: { text: 'hi' } }),
        'BAD_REQUEST',
        ['inboxId'],
      );
      expect(await counts(ctx.prisma)).toEqual(before);
    });
  });

  describe('customer', () => {
    it('is found by id', async () => {
      const customer = await ctx.prisma.customer.create({ data: { name: 'By Id' } });
      const c = await create({ customer: { id: customer.id } });
      expect(c.customerId).toBe(customer.id);
      expect(c.customer?.name).toBe('By Id');
    });

    it('is found by email, whatever its case', async () => {
      const local = uid('mixed');
      const customer = await ctx.prisma.customer.create({ data: { email: `${local}@c.example` } });
      const before = await ctx.prisma.customer.count();
      const c = await create({ customer: { email: `${local.toUpperCase()}@C.Example` } });
      expect(c.customerId).toBe(customer.id);
      expect(await ctx.prisma.customer.count()).toBe(before);
    });

    it('stores a new email in lower case, so a later differently-cased email finds it', async () => {
      const local = uid('Upper');
      const first = await create({ customer: { email: `${local}@C.EXAMPLE`, name: 'Upper' } });
      expect(first.customer?.email).toBe(`${local.toLowerCase()}@c.example`);
      const second = await create({ customer: { email: `${local.toLowerCase()}@c.example` } });
      expect(second.customerId).toBe(first.customerId);
    });

    it('is found by phone', async () => {
      const phone = `+49 ${Math.floor(Math.random() * 1e9)}`;
      const customer = await ctx.prisma.customer.create({ data: { phone } });
      const c = await create({ customer: { phone } });
      expect(c.customerId).toBe(customer.id);
    });

    it('is found by phone when the email given is new (email, then phone), not refused as a duplicate', async () => {
      const phone = `+44 ${Math.floor(Math.random() * 1e9)}`;
      const customer = await ctx.prisma.customer.create({ data: { phone, name: 'Phone Only' } });
      const before = await ctx.prisma.customer.count();
      const email = `${uid('new')}@c.example`;
      const c = await create({ customer: { phone, email } });
      expect(c.customerId).toBe(customer.id);
      expect(c.customer?.email).toBe(email);
      expect(await ctx.prisma.customer.count()).toBe(before);
    });

    it('found by email does not take a phone another customer already has', async () => {
      const phone = `+33 ${Math.floor(Math.random() * 1e9)}`;
      const holder = await ctx.prisma.customer.create({ data: { phone } });
      const byEmail = await ctx.prisma.customer.create({ data: { email: `${uid('e')}@c.example` } });
      const c = await create({ customer: { email: byEmail.email!, phone } });
      expect(c.customerId).toBe(byEmail.id);
      expect((await ctx.prisma.customer.findUniqueOrThrow({ where: { id: byEmail.id } })).phone).toBeNull();
      expect((await ctx.prisma.customer.findUniqueOrThrow({ where: { id: holder.id } })).phone).toBe(phone);
    });

    it('is created when new, with name, country, phone and attributes', async () => {
      const email = `${uid('new')}@c.example`;
      const phone = `+1 ${Math.floor(Math.random() * 1e9)}`;
      const before = await ctx.prisma.customer.count();
      const c = await create({ customer: { email, phone, name: 'New Person', country: 'DE', attributes: { tier: 'gold' } } });
      expect(await ctx.prisma.customer.count()).toBe(before + 1);
      expect(c.customer).toMatchObject({ email, phone, name: 'New Person', country: 'DE', attributes: { tier: 'gold' } });
    });

    it('found, has name and country updated and attributes merged (not replaced)', async () => {
      const email = `${uid('merge')}@c.example`;
      const customer = await ctx.prisma.customer.create({ data: { email, name: 'Old', country: 'FR', attributes: { tier: 'gold', level: 1 } } });
      const c = await create({ customer: { email, name: 'New', attributes: { authLevel: 'strong', level: 2 } } });
      expect(c.customerId).toBe(customer.id);
      const after = await ctx.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
      expect(after).toMatchObject({ name: 'New', country: 'FR', attributes: { tier: 'gold', authLevel: 'strong', level: 2 } });
    });

    it('found without new details is left as it is', async () => {
      const email = `${uid('same')}@c.example`;
      const customer = await ctx.prisma.customer.create({ data: { email, name: 'Same', attributes: { tier: 'silver' } } });
      const c = await create({ customer: { email } });
      expect(c.customerId).toBe(customer.id);
      expect(await ctx.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ name: 'Same', attributes: { tier: 'silver' } });
    });

    it('refuses an unknown customer id with 400 naming customer.id, and writes nothing', async () => {
      const before = await counts(ctx.prisma);
      await expectDomainError(create({ customer: { id: 'no-such-customer' }, tags: [uid('t')], message: { text: 'hi' } }), 'BAD_REQUEST', ['customer.id']);
      expect(await counts(ctx.prisma)).toEqual(before);
    });

    it('concurrent creates for one new email (and nothing else) make exactly one customer', async () => {
      const email = `${uid('bare')}@c.example`;
      const results = await Promise.all(Array.from({ length: RACERS }, () => race({ customer: { email } })));
      const customers = await ctx.prisma.customer.findMany({ where: { email } });
      expect(customers).toHaveLength(1);
      expect(new Set(results.map((c) => c.customerId))).toEqual(new Set([customers[0].id]));
    });

    it('concurrent creates for one new phone make exactly one customer', async () => {
      const phone = `+39 ${Math.floor(Math.random() * 1e9)}`;
      const results = await Promise.all(Array.from({ length: RACERS }, (_, i) => race({ customer: { phone, name: `P${i}` } })));
      const customers = await ctx.prisma.customer.findMany({ where: { phone } });
      expect(customers).toHaveLength(1);
      expect(new Set(results.map((c) => c.customerId))).toEqual(new Set([customers[0].id]));
    });

    it('concurrent creates for one new email with attributes make exactly one customer, with every attribute', async () => {
      const email = `${uid('race')}@c.example`;
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) => race({ topic: `race ${i}`, customer: { email: i % 2 ? email.toUpperCase() : email, attributes: { [`k${i}`]: i } } })),
      );
      const customers = await ctx.prisma.customer.findMany({ where: { email } });
      expect(customers).toHaveLength(1);
      expect(new Set(results.map((c) => c.customerId))).toEqual(new Set([customers[0].id]));
      expect(await ctx.prisma.conversation.count({ where: { customerId: customers[0].id } })).toBe(RACERS);
      // Every request's attributes were merged in; none was lost to a concurrent one.
      expect(customers[0].attributes).toEqual(Object.fromEntries(Array.from({ length: RACERS }, (_, i) => [`k${i}`, i])));
    });
  });

  describe('tags', () => {
    it('creates new tags and reuses existing ones', async () => {
      const existing = await ctx.prisma.tag.create({ data: { name: uid('old') } });
      const fresh = uid('fresh');
      const before = await ctx.prisma.tag.count();
      const c = await create({ tags: [existing.name, fresh, fresh] });
      expect(await ctx.prisma.tag.count()).toBe(before + 1);
      expect(c.tags.map((t) => t.tag.name).sort()).toEqual([existing.name, fresh].sort());
      const links = await ctx.prisma.conversationTag.findMany({ where: { conversationId: c.id } });
      expect(links.map((l) => l.tagId)).toContain(existing.id);
      expect(links).toHaveLength(2);
    });
  });

  describe('first message', () => {
    it('is stored inbound, authored by the customer, on the conversation channel', async () => {
      const c = await create({
        channel: 'WHATSAPP',
        customer: { phone: `+49 ${Math.floor(Math.random() * 1e9)}` },
        message: { text: 'Hello, my order is late', from: '+49111', to: '+49222', attributes: { lang: 'en' } },
      });
      const messages = await ctx.prisma.message.findMany({ where: { conversationId: c.id } });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        direction: 'INBOUND',
        authorType: 'CUSTOMER',
        authorId: null,
        authorApiKeyId: null,
        channel: 'WHATSAPP',
        text: 'Hello, my order is late',
        from: '+49111',
        to: '+49222',
        attributes: { lang: 'en' },
      });
    });
  });

  describe('timeline', () => {
    const createdEvent = async (conversationId: string) => {
      // Routing may follow with its own ROUTED event; CREATED comes first, once.
      const events = await ctx.prisma.timelineEvent.findMany({ where: { conversationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      expect(events.filter((e) => e.kind === 'CREATED')).toHaveLength(1);
      expect(events[0].kind).toBe('CREATED');
      return events[0];
    };

    it('records CREATED by a user, with what was created', async () => {
      const queue = await makeQueue(ctx.prisma);
      const tag = uid('tl');
      const c = await create({ priority: 'HIGH', channel: 'SMS', queueId: queue.id, tags: [tag] });
      const e = await createdEvent(c.id);
      expect(e).toMatchObject({ actorKind: 'USER', actorUserId: agent.id, actorApiKeyId: null, actorName: agent.name, reason: null });
      expect(e.after).toMatchObject({ status: 'OPEN', priority: 'HIGH', channel: 'SMS', queueId: queue.id, agentId: null, tags: [tag] });
    });

    it('records CREATED by an API key', async () => {
      const key = await makeApiKeyActor(ctx.prisma, 'AGENT');
      const c = await create({}, key);
      const e = await createdEvent(c.id);
      expect(e).toMatchObject({ actorKind: 'API_KEY', actorApiKeyId: key.id, actorUserId: null, actorName: key.name });
    });

    it('records CREATED by the system, with its reason', async () => {
      const c = await createConversation(ctx.prisma, systemActor('imported from mail'), {});
      const e = await createdEvent(c.id);
      expect(e).toMatchObject({ actorKind: 'SYSTEM', actorUserId: null, actorApiKeyId: null, reason: 'imported from mail' });
    });
  });

  describe('invalid input is refused with the fields named, and nothing is written', () => {
    const full = () => ({ customer: { email: `${uid('inv')}@c.example` }, tags: [uid('inv')], message: { text: 'hi' } });
    const cases: [string, Record<string, unknown>, string][] = [
      ['a 1001-character topic', { topic: 'x'.repeat(1001) }, 'topic'],
      ['a 4001-character summary', { summary: 'x'.repeat(4001) }, 'summary'],
      ['an unknown status', { status: 'PENDING' }, 'status'],
      ['an unknown priority', { priority: 'MEDIUM' }, 'priority'],
      ['an unknown channel', { channel: 'PIGEON' }, 'channel'],
      ['a bad tag name', { tags: ['has space'] }, 'tags.0'],
      ['an empty message text', { message: { text: '' } }, 'message.text'],
      ['a bad customer email', { customer: { email: 'not-an-email' } }, 'customer.email'],
    ];
    for (const [what, input, field] of cases) {
      it(what, async () => {
        const before = await counts(ctx.prisma);
        await expectDomainError(createRaw({ ...full(), ...input }), 'BAD_REQUEST', [field]);
        expect(await counts(ctx.prisma)).toEqual(before);
      });
    }

    it('an unknown field', async () => {
      const before = await counts(ctx.prisma);
      const e = await expectDomainError(createRaw({ ...full(), colour: 'red' }), 'BAD_REQUEST');
      expect(Object.keys(e.fields ?? {}).length).toBeGreaterThan(0);
      expect(JSON.stringify(e.fields)).toContain('colour');
      expect(await counts(ctx.prisma)).toEqual(before);
    });

    it('a topic of exactly 1000 characters is accepted', async () => {
      const c = await createRaw({ topic: 'x'.repeat(1000) });
      expect(c.topic).toHaveLength(1000);
    });
  });

  it('status CLOSED on create stamps closedAt', async () => {
    const t0 = Date.now();
    const c = await create({ status: 'CLOSED' });
    expect(c.status).toBe('CLOSED');
    expect(c.closedAt).toBeInstanceOf(Date);
    expect(c.closedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    const open = await create({ status: 'SOLVED' });
    expect(open.closedAt).toBeNull();
  });

  describe('unknown references are a 400 naming the field, and nothing is written', () => {
    it('queueId', async () => {
      const before = await counts(ctx.prisma);
      await expectDomainError(create({ queueId: 'no-such-queue', customer: { email: `${uid()}@c.example` }, tags: [uid()], message: { text: 'x' } }), 'BAD_REQUEST', ['queueId']);
      expect(await counts(ctx.prisma)).toEqual(before);
    });

    it('agentId', async () => {
      const before = await counts(ctx.prisma);
      await expectDomainError(create({ agentId: 'no-such-agent', customer: { email: `${uid()}@c.example` }, tags: [uid()], message: { text: 'x' } }), 'BAD_REQUEST', ['agentId']);
      expect(await counts(ctx.prisma)).toEqual(before);
    });

    it('a disabled agent', async () => {
      const disabled = await makeUser(ctx.prisma, 'AGENT', { enabled: false });
      const before = await counts(ctx.prisma);
      await expectDomainError(create({ agentId: disabled.id, customer: { email: `${uid()}@c.example` } }), 'BAD_REQUEST', ['agentId']);
      expect(await counts(ctx.prisma)).toEqual(before);
    });
  });
});
