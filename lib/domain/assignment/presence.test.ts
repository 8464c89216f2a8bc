import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { expectDomainError, makeApiKeyActor, makeUser } from '../../test/fixtures';
import { changeAvailability, heartbeat } from './presence';

describeEachEngine('agent presence', (ctx) => {
  it('answers a change with the agent as it is now', async () => {
    const ana = await makeUser(ctx.prisma);
    const agent = await changeAvailability(ctx.prisma, ana, { agentId: ana.id, availability: 'BUSY' });
    const row = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ana.id } });
    expect(agent).toEqual({ id: ana.id, name: ana.name, email: ana.email, status: 'BUSY', availability: 'BUSY', role: 'AGENT', enabled: true, createdAt: row.createdAt, updatedAt: row.updatedAt, disconnectedAt: null, capacity: null, _count: { assignedConversations: 0 } });
  });

  it('an agent (or their key) changes only their own; a supervisor anyone’s', async () => {
    const [ana, ben, sup] = [await makeUser(ctx.prisma), await makeUser(ctx.prisma), await makeUser(ctx.prisma, 'SUPERVISOR')];
    const anasKey = await makeApiKeyActor(ctx.prisma, 'AGENT', ana.id);
    expect((await changeAvailability(ctx.prisma, anasKey, { agentId: ana.id, availability: 'ONLINE' })).availability).toBe('ONLINE');
    await expect(changeAvailability(ctx.prisma, ana, { agentId: ben.id, availability: 'ONLINE' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(heartbeat(ctx.prisma, anasKey, { agentId: ben.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: ben.id } })).availability).toBe('OFFLINE');
    expect((await changeAvailability(ctx.prisma, sup, { agentId: ben.id, availability: 'ONLINE' })).availability).toBe('ONLINE');
    await heartbeat(ctx.prisma, sup, { agentId: ben.id });
  });

  it('refuses an unknown agent (404) and a disabled one going online (400)', async () => {
    const sup = await makeUser(ctx.prisma, 'SUPERVISOR');
    const off = await makeUser(ctx.prisma, 'AGENT', { enabled: false });
    await expectDomainError(changeAvailability(ctx.prisma, sup, { agentId: 'nobody', availability: 'ONLINE' }), 'NOT_FOUND');
    await expectDomainError(heartbeat(ctx.prisma, sup, { agentId: 'nobody' }), 'NOT_FOUND');
    await expectDomainError(changeAvailability(ctx.prisma, sup, { agentId: off.id, availability: 'ONLINE' }), 'BAD_REQUEST');
    expect((await changeAvailability(ctx.prisma, sup, { agentId: off.id, availability: 'OFFLINE' })).availability).toBe('OFFLINE');
  });
});
