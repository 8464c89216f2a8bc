import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test/db';
import { expectDomainError, makeApiKeyActor, makeUser, type UserActor } from '../test/fixtures';
import type { Actor } from '../access/actor';
import { invoke } from '../operations/operation';
import { createSavedViewOp, deleteSavedViewOp, listSavedViewsOp } from '../operations/saved-views';
import { SAVED_VIEWS_MAX } from '../validation/saved-views';

// Saved views through their operations, as the console's actions call them.
describeEachEngine('saved views', (ctx) => {
  let ana: UserActor;
  let ben: UserActor;
  const list = (actor: Actor) => invoke(listSavedViewsOp, { db: ctx.prisma, actor }, {});
  const save = (actor: Actor, name: string, filters: Record<string, unknown>) => invoke(createSavedViewOp, { db: ctx.prisma, actor }, { name, filters });
  const remove = (actor: Actor, id: string) => invoke(deleteSavedViewOp, { db: ctx.prisma, actor }, { id });

  beforeAll(async () => {
    [ana, ben] = await Promise.all([makeUser(ctx.prisma, 'AGENT'), makeUser(ctx.prisma, 'AGENT')]);
  });

  it('saves the filters and sort as the inbox address, without the page; lists only one’s own, by name', async () => {
    const v = await save(ana, '  Urgent mine ', { status: 'all', priority: 'URGENT', sort: 'priority:asc', q: 'parcel late', page: 3 });
    expect(v).toMatchObject({ name: 'Urgent mine', query: 'status=all&priority=URGENT&q=parcel+late&sort=priority%3Aasc' });
    await save(ana, 'A first', {});
    await save(ben, 'Bens', { assignee: 'any' });
    expect((await list(ana)).map((x) => [x.name, x.query])).toEqual([
      ['A first', ''],
      ['Urgent mine', 'status=all&priority=URGENT&q=parcel+late&sort=priority%3Aasc'],
    ]);
    expect((await list(ben)).map((x) => x.name)).toEqual(['Bens']);
  });

  it('drops a bad value as the address does; refuses a blank name and a taken one, saving nothing', async () => {
    expect((await save(ana, 'Odd', { status: 'NOPE', sort: 'id:asc', tag: 'vip' })).query).toBe('tag=vip');
    await expectDomainError(save(ana, '   ', {}), 'BAD_REQUEST', ['name']);
    await expectDomainError(save(ana, 'Odd', { priority: 'LOW' }), 'CONFLICT', ['name']);
    expect((await list(ana)).filter((x) => x.name === 'Odd').map((x) => x.query)).toEqual(['tag=vip']);
    // Another user may use the same name.
    expect((await save(ben, 'Odd', {})).name).toBe('Odd');
  });

  it('deletes one’s own; another user’s is not found and stays', async () => {
    const mine = await save(ana, 'To delete', {});
    const bens = (await list(ben))[0];
    await expectDomainError(remove(ana, bens.id), 'NOT_FOUND');
    expect((await list(ben)).map((x) => x.id)).toContain(bens.id);
    await remove(ana, mine.id);
    expect((await list(ana)).map((x) => x.name)).not.toContain('To delete');
  });

  it('stops at the limit per user; a key of its own has no views', async () => {
    const cara = await makeUser(ctx.prisma, 'AGENT');
    await ctx.prisma.savedView.createMany({ data: Array.from({ length: SAVED_VIEWS_MAX }, (_, i) => ({ userId: cara.id, name: `v${i}`, query: '' })) });
    await expectDomainError(save(cara, 'One more', {}), 'BAD_REQUEST', ['name']);
    const key = await makeApiKeyActor(ctx.prisma, 'ADMIN');
    await expectDomainError(list(key), 'FORBIDDEN');
  });
});
