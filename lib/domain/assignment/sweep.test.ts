import { afterEach, beforeEach, expect, it, vi, type MockInstance } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeInbox, makeUser } from '../../test/fixtures';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Availability } from '../../generated/prisma/enums';
import { MemoryBus, setBus, type EventBus } from '../../realtime/bus';
import { hashPassword } from '../../auth/password';
import { signInWithPassword } from '../../auth/signin';
import { markPresent, setAvailability } from '../presence';
import { heartbeat } from './presence';
import { sweepSilentAgents } from './sweep';
import { assignableAgents } from './manual';
import { listPeople } from '../people';
import { availabilityLabel } from '../../format';

// The drain's body is the lead's; here only that presence calls it, and when.
const drain = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('./drain', () => ({
  drainWaiting: async (_db: unknown, scope: unknown) => {
    drain.calls.push(scope);
    return 0;
  },
}));

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const GRACE = 90 * SECOND;
const WINDOW = 15 * MINUTE;
const opts = { graceMs: GRACE, reassignAfterMs: WINDOW };

// Presence in two stages (SPEC §4): silent past the grace period → away — disconnected, keeping the
// chosen status and every conversation; silent for the whole window → OFFLINE and reassigned. Every
// sweep gets an explicit `now`, so nothing here waits on a clock.
describeEachEngine('presence sweep and heartbeat', (ctx) => {
  const p = () => ctx.prisma as PrismaClient;
  let mem: MemoryBus;
  let previous: EventBus | undefined;
  let publish: MockInstance<MemoryBus['publish']>;
  beforeEach(() => {
    mem = new MemoryBus();
    publish = vi.spyOn(mem, 'publish');
    previous = setBus(mem);
    drain.calls.length = 0;
  });
  afterEach(() => {
    setBus(previous);
  });
  const agentEvents = () => publish.mock.calls.flatMap(([events]) => events).filter((e) => e.type === 'agent');

  async function agent(availability: Availability, lastSeenAt: Date | null, extra: { availabilityChangedAt?: Date } = {}) {
    const u = await makeUser(p());
    const status = ({ ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'INVISIBLE' } as const)[availability];
    await p().user.update({ where: { id: u.id }, data: { availability, status, lastSeenAt, ...extra } });
    return u;
  }
  const row = (id: string) => p().user.findUniqueOrThrow({ where: { id } });
  const held = (agentId: string) => p().conversation.count({ where: { agentId, status: { in: ['OPEN', 'WAITING'] } } });

  it('stage 1: marks silent ONLINE and BUSY agents disconnected, keeping status, availability and conversations', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const ben = await agent('BUSY', new Date(t0.getTime() - 2 * MINUTE));
    const cy = await agent('ONLINE', new Date(t0.getTime() - 10 * SECOND));
    const dee = await agent('OFFLINE', new Date(t0.getTime() - 60 * MINUTE));
    const inbox = await makeInbox(p(), { collaborators: [ana.id, cy.id] });
    await p().conversation.createMany({ data: Array.from({ length: 3 }, () => ({ inboxId: inbox.id, agentId: ana.id })) });

    const res = await sweepSilentAgents(p(), t0, opts);
    expect(res.reassigned).toEqual([]);
    expect(res.disconnected).toEqual(expect.arrayContaining([ana.id, ben.id]));
    expect(res.disconnected).not.toContain(cy.id);
    expect(res.disconnected).not.toContain(dee.id);
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', status: 'ACTIVE', disconnectedAt: t0 });
    expect(await row(ben.id)).toMatchObject({ availability: 'BUSY', status: 'BUSY', disconnectedAt: t0 });
    expect(await row(cy.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: null });
    expect(await row(dee.id)).toMatchObject({ availability: 'OFFLINE', disconnectedAt: null });
    expect(await held(ana.id)).toBe(3);
    expect(await p().timelineEvent.count({ where: { conversation: { inboxId: inbox.id } } })).toBe(0);
    // Consoles showing them hear of it.
    expect(agentEvents()).toEqual(expect.arrayContaining([{ type: 'agent', id: ana.id, availability: 'ONLINE' }, { type: 'agent', id: ben.id, availability: 'BUSY' }]));

    // A second sweep finds them already marked: nothing to do, nothing to tell.
    publish.mockClear();
    const again = await sweepSilentAgents(p(), new Date(t0.getTime() + SECOND), opts);
    expect(again.disconnected).not.toContain(ana.id);
    expect(agentEvents().filter((e) => e.id === ana.id)).toEqual([]);
    expect((await row(ana.id)).disconnectedAt).toEqual(t0);
  });

  it('stage 2: after the whole window of silence, OFFLINE and reassigned with the reason; not a moment before', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const cy = await agent('ONLINE', t0);
    const inbox = await makeInbox(p(), { collaborators: [ana.id, cy.id] });
    await p().conversation.createMany({ data: Array.from({ length: 2 }, () => ({ inboxId: inbox.id, agentId: ana.id })) });
    expect((await sweepSilentAgents(p(), t0, opts)).disconnected).toContain(ana.id);

    // 14 minutes of silence: still away, still holding both.
    const at14 = new Date(t0.getTime() + 12 * MINUTE);
    await p().user.update({ where: { id: cy.id }, data: { lastSeenAt: at14 } });
    expect((await sweepSilentAgents(p(), at14, opts)).reassigned).not.toContain(ana.id);
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: t0 });
    expect(await held(ana.id)).toBe(2);

    // 15.5 minutes: OFFLINE, connected state cleared, conversations with Cy, the timeline says why.
    const at15 = new Date(t0.getTime() + 13.5 * MINUTE);
    await p().user.update({ where: { id: cy.id }, data: { lastSeenAt: at15 } });
    publish.mockClear();
    const res = await sweepSilentAgents(p(), at15, opts);
    expect(res.reassigned).toContain(ana.id);
    expect(await row(ana.id)).toMatchObject({ availability: 'OFFLINE', status: 'AWAY', disconnectedAt: null });
    expect(await held(ana.id)).toBe(0);
    expect(await held(cy.id)).toBe(2);
    const events = await p().timelineEvent.findMany({ where: { conversation: { inboxId: inbox.id }, kind: 'ASSIGNEE_CHANGED' } });
    expect(events.map((e) => e.reason)).toEqual([`reassigned: ${ana.name} stopped responding for 15 minutes — round robin`, `reassigned: ${ana.name} stopped responding for 15 minutes — round robin`]);
    expect(agentEvents()).toContainEqual({ type: 'agent', id: ana.id, availability: 'OFFLINE' });
  });

  it('with PRESENCE_REASSIGN_AFTER_MINUTES=0, a silent agent stays away with their conversations for good', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const inbox = await makeInbox(p(), { collaborators: [ana.id] });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: ana.id } });
    await sweepSilentAgents(p(), t0, { graceMs: GRACE, reassignAfterMs: 0 });
    const res = await sweepSilentAgents(p(), new Date(t0.getTime() + 24 * 60 * MINUTE), { graceMs: GRACE, reassignAfterMs: 0 });
    expect(res.reassigned).toEqual([]);
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: t0 });
    expect(await held(ana.id)).toBe(1);
  });

  it('after an outage of the app, its first sweep only marks the long-silent away: their next heartbeat keeps everything', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 40 * MINUTE));
    const inbox = await makeInbox(p(), { collaborators: [ana.id] });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: ana.id } });
    const res = await sweepSilentAgents(p(), t0, opts);
    expect(res).toEqual({ disconnected: expect.arrayContaining([ana.id]), reassigned: [] });
    await heartbeat(p(), ana, { agentId: ana.id });
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: null });
    expect(await held(ana.id)).toBe(1);
  });

  it('an agent who never sent a heartbeat is silent from when their availability was set', async () => {
    const t0 = new Date();
    const fresh = await agent('ONLINE', null, { availabilityChangedAt: new Date(t0.getTime() - 10 * SECOND) });
    const stale = await agent('ONLINE', null, { availabilityChangedAt: new Date(t0.getTime() - 10 * MINUTE) });
    const res = await sweepSilentAgents(p(), t0, opts);
    expect(res.disconnected).toContain(stale.id);
    expect(res.disconnected).not.toContain(fresh.id);
  });

  it('two sweeps at once: each silent agent is marked by exactly one', async () => {
    const t0 = new Date();
    const silent = [await agent('ONLINE', new Date(t0.getTime() - 5 * MINUTE)), await agent('BUSY', new Date(t0.getTime() - 5 * MINUTE))];
    const [a, b] = await Promise.all([sweepSilentAgents(p(), t0, opts), sweepSilentAgents(p(), t0, opts)]);
    const all = [...a.disconnected, ...b.disconnected].filter((id) => silent.some((s) => s.id === id));
    expect(all.sort()).toEqual(silent.map((s) => s.id).sort());
  });

  it('a heartbeat brings a disconnected agent back as they were, tells the consoles and drains; a connected one only refreshes', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const ben = await agent('BUSY', new Date(t0.getTime() - 2 * MINUTE));
    const inbox = await makeInbox(p(), { collaborators: [ana.id] });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: ana.id } });
    await sweepSilentAgents(p(), t0, opts);
    publish.mockClear();

    await heartbeat(p(), ana, { agentId: ana.id });
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', status: 'ACTIVE', disconnectedAt: null });
    expect(await held(ana.id)).toBe(1);
    expect(drain.calls).toEqual([{ agentId: ana.id }]);
    expect(agentEvents()).toEqual([{ type: 'agent', id: ana.id, availability: 'ONLINE' }]);

    // Already connected: one refresh of lastSeenAt, no event, no drain.
    publish.mockClear();
    const before = (await row(ana.id)).lastSeenAt!;
    await heartbeat(p(), ana, { agentId: ana.id });
    expect((await row(ana.id)).lastSeenAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(drain.calls).toHaveLength(1);
    expect(agentEvents()).toEqual([]);

    // A console page proves presence the same way; nobody (or a disabled user) is no one to mark.
    expect(await markPresent(p(), ana.id)).toBe(true);
    expect(await markPresent(p(), 'nobody')).toBe(false);
    expect(drain.calls).toHaveLength(1);

    // BUSY takes nothing new: back, but nothing to drain.
    await heartbeat(p(), ben, { agentId: ben.id });
    expect(await row(ben.id)).toMatchObject({ availability: 'BUSY', disconnectedAt: null });
    expect(drain.calls).toHaveLength(1);
  });

  it('choosing a state clears disconnected: ONLINE drains, OFFLINE reassigns at once', async () => {
    const t0 = new Date();
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const ben = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const cy = await agent('ONLINE', new Date());
    const inbox = await makeInbox(p(), { collaborators: [ben.id, cy.id] });
    await p().conversation.create({ data: { inboxId: inbox.id, agentId: ben.id } });
    await sweepSilentAgents(p(), t0, opts);

    await setAvailability(p(), ana.id, 'ONLINE', '');
    expect(await row(ana.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: null });
    expect(drain.calls).toEqual([{ agentId: ana.id }]);

    await setAvailability(p(), ben.id, 'OFFLINE', 'went offline');
    expect(await row(ben.id)).toMatchObject({ availability: 'OFFLINE', disconnectedAt: null });
    expect(await held(ben.id)).toBe(0);
    expect(await held(cy.id)).toBe(1);
    expect(drain.calls).toHaveLength(1);
  });

  it('signing in clears disconnected and drains', async () => {
    const t0 = new Date();
    const email = `${crypto.randomUUID()}@sweep.example`;
    const u = await p().user.create({ data: { email, name: 'Sia', passwordHash: await hashPassword('correct-horse-9'), availability: 'ONLINE', status: 'ACTIVE', lastSeenAt: new Date(t0.getTime() - 5 * MINUTE) } });
    await sweepSilentAgents(p(), t0, opts);
    expect((await row(u.id)).disconnectedAt).toEqual(t0);
    expect((await signInWithPassword(p(), { email, password: 'correct-horse-9' }, '203.0.113.9')).ok).toBe(true);
    expect(await row(u.id)).toMatchObject({ availability: 'ONLINE', disconnectedAt: null });
    expect(drain.calls).toEqual([{ agentId: u.id }]);
  });

  it('the console sees it: People and the Assigned Agent options say "Away — disconnected"', async () => {
    const t0 = new Date();
    const admin = await makeUser(p(), 'ADMIN');
    const ana = await agent('ONLINE', new Date(t0.getTime() - 2 * MINUTE));
    const cy = await agent('ONLINE', new Date());
    const inbox = await makeInbox(p(), { collaborators: [ana.id, cy.id] });
    const c = await p().conversation.create({ data: { inboxId: inbox.id, agentId: ana.id } });
    await sweepSilentAgents(p(), t0, opts);

    const people = await listPeople(p(), admin);
    expect(people.find((u) => u.id === ana.id)).toMatchObject({ availability: 'ONLINE', disconnected: true, openLoad: 1 });
    expect(people.find((u) => u.id === cy.id)).toMatchObject({ disconnected: false });
    const options = await assignableAgents(p(), admin, { conversationId: c.id });
    const label = (id: string) => {
      const o = options.find((u) => u.id === id)!;
      return availabilityLabel(o.availability, o.disconnected);
    };
    expect([label(ana.id), label(cy.id)]).toEqual(['Away — disconnected', 'Online']);
    expect(availabilityLabel('OFFLINE', true)).toBe('Offline');
  });
});
