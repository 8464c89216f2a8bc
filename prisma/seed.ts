// Demo data for an empty database: the people, inboxes, queues and routes of SPEC §3's scenario
// plus a month of conversations. Run through scripts/db-seed.ts (`npm run db:seed`).
import crypto from 'node:crypto';
import type { Prisma, PrismaClient } from '../lib/generated/prisma/client';
import type { Channel, ConversationStatus, Priority } from '../lib/generated/prisma/enums';
import type { Tx } from '../lib/db';
import { hashPassword } from '../lib/auth/password';
import { RECOMPUTE_WAITING_SQL } from '../lib/domain/conversations/waiting-sql';
import {
  AGENT_REPLIES, COUNTRY_PHONE, CUSTOMERS, CUSTOMER_FOLLOW_UPS, DEMO_PASSWORD, INBOXES, QUEUES, ROUTES, TAGS, TOPICS, USERS,
  type Expr, type SeedRoute,
} from './seed-data';

export type SeedSummary = {
  users: number; inboxes: number; queues: number; routes: number; customers: number; conversations: number; messages: number;
};

export type SeedOptions = { conversations?: number; now?: Date };

const SEED = 20261121;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** mulberry32: tiny, fast and good enough for demo data; the same seed gives the same database. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  const weighted = <T extends string>(w: Record<T, number>): T => {
    const entries = Object.entries(w) as [T, number][];
    let r = next() * entries.reduce((s, [, n]) => s + n, 0);
    for (const [k, n] of entries) if ((r -= n) < 0) return k;
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, chance, weighted };
}

// Mirrors just the operators the seeded routes use, so each conversation lands in the queue the
// real router would pick for it.
function holds(e: Expr, facts: Record<string, string>, tags: string[]): boolean {
  if ('$and' in e) return e.$and.every((x) => holds(x, facts, tags));
  if ('$or' in e) return e.$or.some((x) => holds(x, facts, tags));
  if ('$not' in e) return !holds(e.$not, facts, tags);
  if ('$hasTag' in e) return tags.includes(e.$hasTag.tags);
  const [path, want] = Object.entries('$eq' in e ? e.$eq : e.$contains)[0];
  const have = facts[path] ?? '';
  return '$eq' in e ? have === want : have.includes(want);
}

const uuid = () => crypto.randomUUID();
const json = (v: Record<string, unknown>) => v as Prisma.InputJsonObject;

export async function isEmpty(prisma: PrismaClient | Tx): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

export async function seed(prisma: PrismaClient, opts: SeedOptions = {}): Promise<SeedSummary> {
  const count = opts.conversations ?? 240;
  if (!Number.isInteger(count) || count < 0) throw new Error(`conversations must be a whole number ≥ 0 (got ${count})`);
  const now = (opts.now ?? new Date()).getTime();
  const at = (ms: number) => new Date(ms);
  const setupAt = at(now - 90 * DAY);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rng = prng(SEED);

  // ---- people, inboxes, queues, routes: fixed tables with ids made here so rows can refer to each other
  const userId = Object.fromEntries(USERS.map((u) => [u.key, uuid()]));
  const userName = Object.fromEntries(USERS.map((u) => [u.key, u.name]));
  // Offline since they signed out last evening, a few hours apart (not since the setup 90 days ago:
  // the dashboard said "Offline for 12w"). Fixed offsets, not the rng, so the rest of the seed stays as it was.
  const users = USERS.map((u, i) => ({
    id: userId[u.key], email: u.email, name: u.name, role: u.role, passwordHash, availability: 'OFFLINE' as const,
    availabilityChangedAt: at(now - (14 + i * 1.5) * 60 * MINUTE), createdAt: setupAt, updatedAt: setupAt,
  }));
  const inboxes = INBOXES.map((i) => ({ ...i, id: uuid() }));
  const queues = QUEUES.map((q) => ({ ...q, id: uuid() }));
  const queueByName = new Map(queues.map((q) => [q.name, q]));
  const defaultQueue = queues.find((q) => q.isDefault);
  const routes = ROUTES.map((r, position) => ({ ...r, position, id: uuid(), queueId: queueByName.get(r.queue)!.id }));
  const tagId = Object.fromEntries(TAGS.map((t) => [t, uuid()]));

  const customers = CUSTOMERS.map((entry, i) => {
    const [name, country] = entry.split('|');
    const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
    // The index in the last digits keeps every phone number unique.
    const phone = rng.chance(0.7) ? `${COUNTRY_PHONE[country]}${rng.int(150, 179)}${rng.int(100, 999)}${1000 + i}` : null;
    const attributes = {
      tier: rng.weighted({ gold: 15, silver: 25, standard: 60 }),
      authLevel: rng.weighted({ none: 35, weak: 35, strong: 30 }),
      plan: rng.weighted({ pro: 40, basic: 60 }),
    };
    const createdAt = at(now - rng.int(40, 400) * DAY);
    return { id: uuid(), name, country, email: `${local}@example.${i % 3 === 2 ? 'net' : 'org'}`, phone, attributes, createdAt };
  });
  const withPhone = customers.filter((c) => c.phone);

  // ---- conversations, built in memory and written with a handful of createMany calls
  const conversations: Prisma.ConversationCreateManyInput[] = [];
  const messages: Prisma.MessageCreateManyInput[] = [];
  const convTags: Prisma.ConversationTagCreateManyInput[] = [];
  const timeline: Prisma.TimelineEventCreateManyInput[] = [];
  const reads: Prisma.ConversationReadCreateManyInput[] = [];
  const inboxWeights = Object.fromEntries(inboxes.map((i) => [i.name, i.weight]));
  const system = { actorKind: 'SYSTEM' as const, actorName: 'System' };
  const byUser = (key: string) => ({ actorKind: 'USER' as const, actorUserId: userId[key], actorName: userName[key] });

  for (let n = 0; n < count; n++) {
    const id = uuid();
    const inboxName = rng.weighted(inboxWeights);
    const inbox = inboxes.find((i) => i.name === inboxName)!;
    const channel: Channel = inbox.channel;
    const byPhone = channel === 'WHATSAPP' || channel === 'SMS';
    const customer = rng.pick(byPhone && withPhone.length ? withPhone : customers);
    const contact = (byPhone ? customer.phone : customer.email) ?? customer.email;
    const t = rng.pick(TOPICS);
    const ref = String(rng.int(1000, 9999));
    const topic = t.topic.replace('{n}', ref);
    const text = t.text.replace('{n}', ref);

    let tags = [...(t.tags ?? [])];
    if (channel === 'WHATSAPP' && customer.attributes.authLevel === 'strong' && rng.chance(0.7)) tags.unshift('strong_auth');
    if (customer.attributes.tier === 'gold' && rng.chance(0.5)) tags.push('vip');
    if (rng.chance(0.1)) tags.push('follow-up');
    tags = [...new Set(tags)].slice(0, 3);

    const facts = { 'message.channel': channel, 'message.text': text, 'customer.tier': customer.attributes.tier, 'conversation.channel': channel };
    const route: (typeof routes)[number] | undefined = routes.find((r) => r.enabled && holds(r.expression, facts, tags));
    const queue = route ? queueByName.get(route.queue)! : defaultQueue;
    // The priority the conversation arrived with; a route with a priority overrides it.
    const initialPriority: Priority = rng.weighted({ URGENT: 8, HIGH: 17, NORMAL: 55, LOW: 20 });
    const priority: Priority = route?.priority ?? initialPriority;
    if (priority === 'URGENT' && tags.length < 3 && !tags.includes('urgent')) tags.push('urgent');

    // Round robin considers collaborators of the inbox who are members of the queue (SPEC §4).
    const eligible = inbox.collaborators.filter((k) => !queue || queue.members.includes(k));
    const unassigned = eligible.length === 0 || rng.chance(inbox.autoAssign === false ? 0.3 : 0.14);
    const agent = unassigned ? null : rng.pick(eligible);

    // Newer conversations are more frequent, and older ones are more often finished.
    const age = Math.floor(30 * DAY * Math.pow(rng.next(), 1.4)) + 10 * MINUTE;
    const created = now - age;
    let status: ConversationStatus;
    if (!agent) status = rng.chance(0.9) ? 'OPEN' : 'CLOSED';
    else if (rng.chance(0.1 + 0.6 * (age / (30 * DAY)))) status = rng.chance(0.5) ? 'SOLVED' : 'CLOSED';
    else status = rng.chance(0.7) ? 'OPEN' : 'WAITING';

    let msgCount = agent ? rng.int(1, 6) : rng.int(1, 2);
    if (status === 'WAITING' && msgCount % 2 === 1) msgCount++; // waiting on the customer: the agent spoke last
    const span = Math.min(age * 0.8, 3 * DAY) - msgCount * 1000;
    const gaps = Array.from({ length: msgCount }, (_, k) => (k === 0 ? 0 : rng.next()));
    const scale = span / (gaps.reduce((s, g) => s + g, 0) + rng.next() + 0.01);
    const times: number[] = [];
    for (let k = 0; k < msgCount; k++) times.push(k === 0 ? created + 1000 : times[k - 1] + 1000 + Math.floor(gaps[k] * scale));
    times.forEach((time, k) => {
      const inbound = !agent || k % 2 === 0;
      messages.push({
        id: uuid(), conversationId: id, channel, createdAt: at(time), updatedAt: at(time),
        direction: inbound ? 'INBOUND' : 'OUTBOUND',
        authorType: inbound ? 'CUSTOMER' : 'AGENT',
        authorId: inbound ? null : userId[agent!],
        from: inbound ? contact : inbox.name,
        to: inbound ? inbox.name : contact,
        text: k === 0 ? text : inbound ? rng.pick(CUSTOMER_FOLLOW_UPS) : rng.pick(AGENT_REPLIES),
      });
    });
    const lastMessage = times[times.length - 1];
    const statusAt = status === 'OPEN' ? lastMessage : lastMessage + Math.floor(Math.min((now - lastMessage) * 0.5, DAY) * rng.next()) + 1000;

    // Inboxes without auto-assignment get their agent from a supervisor, before the agent's first reply.
    const manual = inbox.autoAssign === false;
    let assignedAt: number | null = null;
    if (agent) assignedAt = !manual ? created + 400 : msgCount > 1 ? Math.floor((times[0] + times[1]) / 2) : times[0] + 500;

    const summary = t.summary && rng.chance(status === 'SOLVED' || status === 'CLOSED' ? 0.8 : 0.15) ? t.summary : null;
    conversations.push({
      id, topic, summary, status, priority, channel, inboxId: inbox.id, customerId: customer.id,
      queueId: queue?.id ?? null, queuedAt: queue ? at(created) : null,
      agentId: agent ? userId[agent] : null, assignedAt: assignedAt === null ? null : at(assignedAt),
      createdAt: at(created), updatedAt: at(Math.max(lastMessage, statusAt)), closedAt: status === 'CLOSED' ? at(statusAt) : null,
    });
    // The assignee has read up to their last reply; a customer's follow-up from the last day is
    // still unread (the tab badge), anything older has been looked at since.
    if (agent) {
      const customerLast = (msgCount - 1) % 2 === 0;
      const readAt = !customerLast ? lastMessage : now - lastMessage > DAY ? lastMessage + MINUTE : msgCount > 1 ? times[msgCount - 2] : null;
      if (readAt !== null) reads.push({ userId: userId[agent], conversationId: id, readAt: at(readAt) });
    }
    for (const tag of tags) convTags.push({ conversationId: id, tagId: tagId[tag], createdAt: at(created) });

    const event = (kind: Prisma.TimelineEventCreateManyInput['kind'], ms: number, rest: Partial<Prisma.TimelineEventCreateManyInput>) =>
      timeline.push({ id: uuid(), conversationId: id, kind, createdAt: at(ms), ...system, ...rest });
    event('CREATED', created, { after: json({ status: 'OPEN', channel, inboxId: inbox.id, priority: initialPriority }) });
    if (queue) {
      event('ROUTED', created + 200, {
        // A rule already named after its destination ("… → Authentication bot") needs no "to …".
        reason: !route ? `no route matched: default queue ${queue.name}`
          : route.name.includes('→') ? `routed by rule ${route.name}` : `routed by rule ${route.name} to ${queue.name}`,
        before: json(route?.priority ? { queueId: null, priority: initialPriority } : { queueId: null }),
        after: json(route?.priority ? { queueId: queue.id, priority } : { queueId: queue.id }),
      });
    }
    if (agent) {
      event('ASSIGNEE_CHANGED', assignedAt!, {
        ...(manual ? byUser('supervisor') : { reason: 'round robin' }),
        before: json({ agentId: null }), after: json({ agentId: userId[agent] }),
      });
    }
    if (status !== 'OPEN') {
      event('STATUS_CHANGED', statusAt, { ...byUser(agent ?? 'supervisor'), before: json({ status: 'OPEN' }), after: json({ status }) });
    }
  }

  await prisma.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: users });
      await tx.inbox.createMany({
        data: inboxes.map((i) => ({
          id: i.id, name: i.name, channel: i.channel, isDefault: i.isDefault ?? false, autoAssign: i.autoAssign ?? true,
          reassignOnOffline: true, createdAt: setupAt, updatedAt: setupAt,
        })),
      });
      await tx.inboxCollaborator.createMany({
        data: inboxes.flatMap((i) => i.collaborators.map((k, position) => ({ inboxId: i.id, userId: userId[k], position, createdAt: setupAt }))),
      });
      await tx.queue.createMany({
        data: queues.map((q) => ({ id: q.id, name: q.name, isDefault: q.isDefault ?? false, createdAt: setupAt, updatedAt: setupAt })),
      });
      await tx.queueMember.createMany({
        data: queues.flatMap((q) => q.members.map((k) => ({ queueId: q.id, userId: userId[k], createdAt: setupAt }))),
      });
      await tx.route.createMany({ data: routes.map((r) => ({ ...routeRow(r), id: r.id, createdAt: setupAt, updatedAt: setupAt })) });
      await tx.routeListVersion.create({
        data: { version: 1, routes: routes.map((r) => ({ id: r.id, ...routeRow(r) })) as Prisma.InputJsonArray, savedById: userId.supervisor, savedAt: setupAt },
      });
      await tx.tag.createMany({ data: TAGS.map((name) => ({ id: tagId[name], name, createdAt: setupAt, updatedAt: setupAt })) });
      await tx.customer.createMany({ data: customers.map((c) => ({ ...c, updatedAt: c.createdAt })) });
      await tx.conversation.createMany({ data: conversations });
      await tx.message.createMany({ data: messages });
      await tx.$executeRawUnsafe(RECOMPUTE_WAITING_SQL);
      await tx.conversationTag.createMany({ data: convTags });
      await tx.timelineEvent.createMany({ data: timeline });
      await tx.conversationRead.createMany({ data: reads });
      // Shared canned replies, so that `/` in the reply box offers something from the start.
      await tx.cannedReply.createMany({
        data: [
          { title: 'Greeting', body: 'Hi {{customer.name | there}}, this is {{agent.name}}. Thanks for getting in touch — let me look into this for you.' },
          { title: 'Parcel delayed', body: 'Hi {{customer.name | there}}, sorry your parcel is late. I have asked the carrier for an update and will write again within 24 hours.' },
          { title: 'Closing', body: 'Is there anything else I can help you with? If not, I will close this conversation. Have a good day!\n{{agent.name}}' },
        ].map((r) => ({ ...r, id: uuid(), scope: 'SHARED' as const, createdById: userId.supervisor, createdAt: setupAt, updatedAt: setupAt })),
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );

  return {
    users: users.length, inboxes: inboxes.length, queues: queues.length, routes: routes.length,
    customers: customers.length, conversations: conversations.length, messages: messages.length,
  };
}

/** The shape a saved route list keeps (RouteListVersion.routes, which also records the id, and the Route rows agree). */
function routeRow(r: SeedRoute & { position: number; queueId: string }) {
  return {
    name: r.name, enabled: r.enabled, expression: r.expression as Prisma.InputJsonObject,
    queueId: r.queueId, priority: r.priority, position: r.position,
  };
}
