import { expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeConversation, makeInbox, makeQueue, makeUser, uid } from '../test/fixtures';
import type { Actor } from '../access/actor';
import { verifyPassword } from '../auth/password';
import { agentListQuerySchema, createAgentSchema, updateAgentSchema } from '../validation/agents';
import { parseOrThrow } from './errors';
import { createAgent, getAgent, listAgents, updateAgent } from './agents';
import { changeStatus } from './assignment/presence';
import { setAvailability } from './presence';

describeEachEngine('the agents domain', (ctx) => {
  // As a door does it: the input is parsed once, then the domain runs.
  const list = async (actor: Actor, q: Record<string, unknown>) => listAgents(ctx.prisma, actor, parseOrThrow(agentListQuerySchema, q));
  const create = async (actor: Actor, body: Record<string, unknown>) => createAgent(ctx.prisma, actor, parseOrThrow(createAgentSchema, body));
  const update = async (actor: Actor, body: Record<string, unknown>) => updateAgent(ctx.prisma, actor, parseOrThrow(updateAgentSchema, body));
  const names = (p: { agents: { name: string }[] }) => p.agents.map((a) => a.name);

  /** A group of users whose names share a tag, so that a file-wide database does not leak into the filters. */
  async function team() {
    const tag = uid('team');
    const mk = async (name: string, data: Record<string, unknown>) =>
      ctx.prisma.user.create({ data: { name: `${tag} ${name}`, email: `${name.toLowerCase()}.${tag}@t.example`, passwordHash: 'x', ...data } });
    const ana = await mk('Ana', { role: 'AGENT', status: 'ACTIVE', availability: 'ONLINE', createdAt: new Date('2025-01-01T00:00:00Z') });
    const ben = await mk('Ben', { role: 'SUPERVISOR', status: 'BUSY', availability: 'BUSY', createdAt: new Date('2025-02-01T00:00:00Z') });
    const cat = await mk('Cat', { role: 'ADMIN', status: 'INVISIBLE', availability: 'OFFLINE', createdAt: new Date('2025-03-01T00:00:00Z') });
    const dan = await mk('Dan', { role: 'AGENT', status: 'AWAY', availability: 'OFFLINE', enabled: false, createdAt: new Date('2025-04-01T00:00:00Z') });
    const queue = await makeQueue(ctx.prisma, [ana.id, cat.id]);
    return { tag, ana, ben, cat, dan, queue };
  }

  it('lists agents by every filter of the reference, admins counting as supervisors', async () => {
    const sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    const { tag, ana, ben, cat, dan, queue } = await team();
    const q = (more: Record<string, unknown>) => list(sup, { displayName: tag, orderBy: 'createdAt:asc', ...more });
    const full = (n: string) => `${tag} ${n}`;
    expect(names(await q({}))).toEqual(['Ana', 'Ben', 'Cat', 'Dan'].map(full));
    expect(names(await q({ agentIds: `${ana.id},${dan.id}` }))).toEqual([full('Ana'), full('Dan')]);
    expect(names(await q({ agentIds: [ben.id, cat.id] }))).toEqual([full('Ben'), full('Cat')]);
    expect(names(await q({ queueIds: queue.id }))).toEqual([full('Ana'), full('Cat')]);
    expect(names(await list(sup, { displayName: `${tag.toUpperCase()} b` }))).toEqual([full('Ben')]);
    expect(names(await list(sup, { email: ben.email.toUpperCase() }))).toEqual([full('Ben')]);
    expect(names(await q({ status: 'INVISIBLE' }))).toEqual([full('Cat')]);
    expect(names(await q({ availability: 'ACTIVE' }))).toEqual([full('Ana')]);
    expect(names(await q({ availability: 'AWAY' }))).toEqual([full('Cat'), full('Dan')]);
    expect(names(await q({ availability: 'INVISIBLE' }))).toEqual([]);
    expect(names(await q({ role: 'SUPERVISOR' }))).toEqual([full('Ben'), full('Cat')]);
    expect(names(await q({ role: 'AGENT' }))).toEqual([full('Ana'), full('Dan')]);
    expect(names(await q({ enabled: 'false' }))).toEqual([full('Dan')]);
    expect(names(await q({ enabled: 'true' }))).toEqual(['Ana', 'Ben', 'Cat'].map(full));
    expect(names(await q({ createdAfter: '2025-02-01T00:00:00.000+0000', createdBefore: '2025-04-01T00:00:00.000+0000' }))).toEqual([full('Ben'), full('Cat')]);
    await ctx.prisma.user.update({ where: { id: dan.id }, data: { name: full('Dan') } });
    const danRow = await ctx.prisma.user.findUniqueOrThrow({ where: { id: dan.id } });
    expect(names(await q({ updatedAfter: danRow.updatedAt.toISOString() }))).toEqual([full('Dan')]);
    expect(names(await q({ updatedBefore: danRow.updatedAt.toISOString() }))).toEqual(['Ana', 'Ben', 'Cat'].map(full));
    // Empty parameters are no filter, as a form-filled client sends them.
    expect(names(await q({ status: '', role: '', enabled: '', email: '', createdAfter: '', page: '', limit: '', agentIds: '' }))).toHaveLength(4);
  });

  it('pages and orders in a fixed number of queries, whatever the page holds', async () => {
    const sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    const { tag } = await team();
    const first = await list(sup, { displayName: tag, limit: '3', orderBy: 'displayName:DESC' });
    expect(names(first)).toEqual(['Dan', 'Cat', 'Ben'].map((n) => `${tag} ${n}`));
    expect(first).toMatchObject({ totalItems: 4, page: 0, limit: 3, orderBy: 'displayName:desc' });
    const second = await list(sup, { displayName: tag, limit: '3', page: '1', orderBy: 'displayName:desc' });
    expect(names(second)).toEqual([`${tag} Ana`]);
    const byId = await list(sup, { displayName: tag });
    expect(byId.orderBy).toBe('id:asc');
    expect(byId.agents.map((a) => a.id)).toEqual([...byId.agents.map((a) => a.id)].sort());
    const before = ctx.queryCount();
    await list(sup, { limit: '999' });
    expect(ctx.queryCount() - before).toBe(2);
    await expectDomainError(list(sup, { orderBy: 'password:asc' }), 'BAD_REQUEST', ['orderBy']);
    await expectDomainError(list(sup, { status: 'ONLINE', limit: '1000', enabled: 'yes' }), 'BAD_REQUEST', ['status', 'limit', 'enabled']);
  });

  it('creates an agent who cannot sign in until the link is used, with the status stored as given', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const email = `${uid('new')}@Example.com`;
    const { agent, token } = await create(admin, { displayName: 'Nia New', status: 'BUSY', role: 'SUPERVISOR', enabled: null, email });
    expect(agent).toMatchObject({ name: 'Nia New', email: email.toLowerCase(), role: 'SUPERVISOR', status: 'BUSY', availability: 'BUSY', enabled: true });
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const row = await ctx.prisma.user.findUniqueOrThrow({ where: { id: agent.id }, include: { passwordTokens: true } });
    expect(await verifyPassword('', row.passwordHash)).toBe(false);
    expect(row.passwordHash.startsWith('scrypt$')).toBe(false);
    // Only a hash of the token is stored.
    expect(row.passwordTokens).toHaveLength(1);
    expect(row.passwordTokens[0]).toMatchObject({ purpose: 'SET', usedAt: null });
    expect(row.passwordTokens[0].hash).not.toContain(token);
    const hours = (row.passwordTokens[0].expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const invisible = await create(admin, { displayName: 'Ivo', status: 'INVISIBLE', role: 'AGENT', email: `${uid('ivo')}@t.example`, enabled: false });
    expect(invisible.agent).toMatchObject({ status: 'INVISIBLE', availability: 'OFFLINE', enabled: false });
  });

  it('refuses a duplicate email (any case) and bad bodies with a 400, creating nothing', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const email = `${uid('dup')}@t.example`;
    await create(admin, { displayName: 'First', status: 'AWAY', role: 'AGENT', email });
    const users = await ctx.prisma.user.count();
    const tokens = await ctx.prisma.passwordToken.count();
    const dup = await expectDomainError(create(admin, { displayName: 'Second', status: 'AWAY', role: 'AGENT', email: email.toUpperCase() }), 'BAD_REQUEST', ['email']);
    expect(dup.message).toContain('already');
    await expectDomainError(create(admin, { displayName: 'No email', status: 'AWAY', role: 'AGENT' }), 'BAD_REQUEST', ['email']);
    await expectDomainError(create(admin, { displayName: '', status: 'ONLINE', role: 'ADMIN', email: 'x@t.example' }), 'BAD_REQUEST', ['displayName', 'status', 'role']);
    await expectDomainError(create(admin, { displayName: 'Extra', status: 'AWAY', role: 'AGENT', email: 'e@t.example', password: 'secret123' }), 'BAD_REQUEST');
    expect(await ctx.prisma.user.count()).toBe(users);
    expect(await ctx.prisma.passwordToken.count()).toBe(tokens);
  });

  it('sends an admin back as read without demoting them; a role sent for an admin never changes it', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const other = await makeUser(ctx.prisma, 'ADMIN');
    const read = await getAgent(ctx.prisma, admin, { agentId: other.id });
    // The API shows an admin as SUPERVISOR: that word, or AGENT, sent back keeps them ADMIN.
    await update(admin, { agentId: other.id, displayName: read.name, status: read.status, role: 'SUPERVISOR', enabled: true, id: read.id, email: read.email, admin: true, availability: 'AWAY', createdAt: 'x', updatedAt: 'y' });
    await update(admin, { agentId: other.id, displayName: 'Renamed Admin', status: 'AWAY', role: 'AGENT' });
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ role: 'ADMIN', name: 'Renamed Admin' });
    // Non-admins do change role.
    const agent = await makeUser(ctx.prisma, 'AGENT');
    expect(await update(admin, { agentId: agent.id, displayName: agent.name, status: 'AWAY', role: 'SUPERVISOR' })).toMatchObject({ role: 'SUPERVISOR' });
    expect(await update(admin, { agentId: agent.id, displayName: agent.name, status: 'AWAY', role: 'AGENT' })).toMatchObject({ role: 'AGENT' });
  });

  it('stores each status word and its effect, and AWAY hands open conversations on', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const [ana, ben] = [await makeUser(ctx.prisma), await makeUser(ctx.prisma)];
    await ctx.prisma.user.updateMany({ where: { id: { in: [ana.id, ben.id] } }, data: { availability: 'ONLINE', status: 'ACTIVE', lastSeenAt: new Date() } });
    const inbox = await makeInbox(ctx.prisma, { collaborators: [ana.id, ben.id] });
    const open = await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id });
    const base = { agentId: ana.id, displayName: ana.name, role: 'AGENT' };
    expect(await update(admin, { ...base, status: 'BUSY' })).toMatchObject({ status: 'BUSY', availability: 'BUSY' });
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: open.id } })).agentId).toBe(ana.id);
    expect(await update(admin, { ...base, status: 'INVISIBLE' })).toMatchObject({ status: 'INVISIBLE', availability: 'OFFLINE' });
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: open.id } })).agentId).toBe(ben.id);
    expect(await update(admin, { ...base, status: 'AWAY' })).toMatchObject({ status: 'AWAY', availability: 'OFFLINE' });
    expect(await update(admin, { ...base, status: 'ACTIVE' })).toMatchObject({ status: 'ACTIVE', availability: 'ONLINE' });

    // PUT …/status stores the word too; AWAY reassigns.
    const second = await makeConversation(ctx.prisma, { inboxId: inbox.id, agentId: ana.id });
    expect(await changeStatus(ctx.prisma, admin, { agentId: ana.id, status: 'AWAY' })).toMatchObject({ status: 'AWAY', availability: 'OFFLINE' });
    expect((await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: second.id } })).agentId).toBe(ben.id);
    expect(await changeStatus(ctx.prisma, admin, { agentId: ana.id, status: 'INVISIBLE' })).toMatchObject({ status: 'INVISIBLE', availability: 'OFFLINE' });
    // The console's switch, sign-out and the sweep store the availability's own word.
    await setAvailability(ctx.prisma, ana.id, 'ONLINE', '');
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).toMatchObject({ status: 'ACTIVE', availability: 'ONLINE' });
    await setAvailability(ctx.prisma, ana.id, 'OFFLINE', 'signed out');
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).toMatchObject({ status: 'AWAY', availability: 'OFFLINE' });
  });

  it('disables and enables through the People page’s path; refuses what cannot be, changing nothing', async () => {
    const admin = await makeUser(ctx.prisma, 'ADMIN');
    const ana = await makeUser(ctx.prisma);
    const base = { agentId: ana.id, displayName: ana.name, role: 'AGENT' };
    expect(await update(admin, { ...base, status: 'INVISIBLE', enabled: false })).toMatchObject({ enabled: false, status: 'INVISIBLE', availability: 'OFFLINE' });
    const before = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } });
    await expectDomainError(update(admin, { ...base, displayName: 'Changed', status: 'ACTIVE' }), 'BAD_REQUEST', ['status']);
    await expectDomainError(update(admin, { ...base, displayName: 'Changed', status: 'AWAY', email: 'other@t.example' }), 'BAD_REQUEST', ['email']);
    await expectDomainError(update(admin, { ...base, displayName: 'Changed', status: 'AWAY', id: admin.id }), 'BAD_REQUEST', ['id']);
    await expectDomainError(update(admin, { ...base, displayName: 'Changed', status: 'SLEEPING' }), 'BAD_REQUEST', ['status']);
    await expectDomainError(update(admin, { agentId: 'nobody', displayName: 'X', status: 'AWAY', role: 'AGENT' }), 'NOT_FOUND');
    // An admin cannot disable themselves.
    await expectDomainError(update(admin, { agentId: admin.id, displayName: 'Me', status: 'AWAY', role: 'SUPERVISOR', enabled: false }), 'BAD_REQUEST', ['enabled']);
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } })).toEqual(before);
    expect(await ctx.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ enabled: true, name: admin.name });
    expect(await update(admin, { ...base, status: 'ACTIVE', enabled: true })).toMatchObject({ enabled: true, status: 'ACTIVE', availability: 'ONLINE' });
  });
});
