import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { sqlOf } from '../../db/sql';
import { routeListSchema } from '../../validation/routing';
import { createConversation } from '../conversations/create';
import { getTimeline } from '../conversations/get';
import { createQueue } from '../queue-admin';
import { routeConversation } from './route-conversation';
import { getRouteList, restoreRouteVersion, saveRouteList, StaleVersionError } from './route-list';
import { compileRoutes } from './match';
import { loadRouteList, routesForVersion, type SavedRoute } from './saved-routes';

// Stable route ids (issue 11): a route sent back with the id it was read with keeps it, so the
// timeline's ROUTED.after.routeId and the API's ruleIds still name it after later saves.
describeEachEngine('route ids across saves', (ctx) => {
  let sup: Actor;
  const q: Record<string, string> = {};

  const list = (routes: unknown[]) => routeListSchema.parse(routes);
  const save = async (routes: unknown[]) => saveRouteList(ctx.prisma, sup, { routes: list(routes), baseVersion: (await getRouteList(ctx.prisma, sup)).version });
  /** A saved route as the editor sends it back. */
  const back = (r: SavedRoute) => ({ id: r.id, name: r.name, enabled: r.enabled, expression: r.expression, queueId: r.queueId, priority: r.priority });
  const route = (name: string, word: string, queue: string) => ({ name, expression: { $contains: { 'message.text': word } }, queueId: q[queue] });
  const routedIds = async (conversationId: string) =>
    (await getTimeline(ctx.prisma, sup, { conversationId })).filter((e) => e.kind === 'ROUTED').map((e) => (e.after as { routeId: string | null }).routeId);

  beforeAll(async () => {
    const u = await ctx.prisma.user.create({ data: { email: 'sup@ids.example', name: 'Sam', passwordHash: 'x', role: 'SUPERVISOR' } });
    sup = { kind: 'user', id: u.id, role: 'SUPERVISOR', name: 'Sam', email: u.email };
    for (const name of ['general', 'alpha', 'beta']) q[name] = (await createQueue(ctx.prisma, sup, { name, isDefault: name === 'general' })).id;
  });

  it('keeps the id of an unchanged and of an edited route, drops a removed one, gives a new one an id', async () => {
    const first = await save([route('Alpha', 'alpha', 'alpha'), route('Beta', 'beta', 'beta'), route('Gamma', 'gamma', 'general')]);
    const [a, b, c] = first.routes;
    const second = await save([back(a), route('Delta', 'delta', 'general'), { ...back(b), name: 'Beta 2', priority: 'HIGH' }]);

    expect(second.routes.map((r) => [r.name, r.position])).toEqual([['Alpha', 0], ['Delta', 1], ['Beta 2', 2]]);
    const [a2, d, b2] = second.routes;
    expect(a2.id).toBe(a.id);
    expect(b2.id).toBe(b.id);
    expect([a.id, b.id, c.id]).not.toContain(d.id);
    expect(await ctx.prisma.route.findUnique({ where: { id: c.id } })).toBeNull();
    // Untouched rows are not rewritten; an edited one keeps when it was created.
    expect(a2.updatedAt).toEqual(a.updatedAt);
    expect(b2.createdAt).toEqual(b.createdAt);
    expect(b2).toMatchObject({ priority: 'HIGH', queue: { name: 'beta' } });

    // Swapping two kept routes' places (position is unique) keeps both ids.
    const swapped = await save([back(b2), back(a2), back(d)]);
    expect(swapped.routes.map((r) => r.id)).toEqual([b.id, a.id, d.id]);
  });

  it('gives a new id to an unknown id and to an id sent twice', async () => {
    const [a] = (await save([route('Alpha', 'alpha', 'alpha')])).routes;
    const next = await save([{ ...route('Stranger', 'x', 'beta'), id: 'not-a-saved-route' }, back(a), { ...back(a), name: 'Alpha copy' }]);
    const [stranger, a2, copy] = next.routes;
    expect(stranger.id).not.toBe('not-a-saved-route');
    expect(a2.id).toBe(a.id);
    expect(copy.id).not.toBe(a.id);
    expect(new Set(next.routes.map((r) => r.id)).size).toBe(3);
  });

  it('records ids in version snapshots; a restore keeps the ids of routes still in the list', async () => {
    const old = await save([route('Alpha', 'alpha', 'alpha'), route('Beta', 'beta', 'beta')]);
    const [a, b] = old.routes;
    const snapshot = await ctx.prisma.routeListVersion.findUniqueOrThrow({ where: { version: old.version } });
    expect((snapshot.routes as { id: string; position: number }[]).map((r) => [r.id, r.position])).toEqual([[a.id, 0], [b.id, 1]]);

    const edited = await save([{ ...back(a), name: 'Alpha renamed' }]);
    const restored = await restoreRouteVersion(ctx.prisma, sup, { version: old.version, baseVersion: edited.version });
    expect(restored.routes.map((r) => r.name)).toEqual(['Alpha', 'Beta']);
    expect(restored.routes[0].id).toBe(a.id);
    // Beta was deleted by the edit: it comes back as a new route.
    expect(restored.routes[1].id).not.toBe(b.id);

    const stale = restoreRouteVersion(ctx.prisma, sup, { version: old.version, baseVersion: edited.version });
    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', currentVersion: restored.version });
  });

  it("a ROUTED entry's routeId still names its route after later saves, from create and from route", async () => {
    const [alpha] = (await save([route('Alpha', 'alpha', 'alpha'), route('Beta', 'beta', 'beta')])).routes;
    const c = await createConversation(ctx.prisma, sup, { channel: 'EMAIL', message: { text: 'about alpha' } });
    expect(c.queueId).toBe(q.alpha);
    await routeConversation(ctx.prisma, sup, { conversationId: c.id });
    expect(await routedIds(c.id)).toEqual([alpha.id, alpha.id]);

    const saved = (await getRouteList(ctx.prisma, sup)).routes;
    await save([route('New first', 'nothing-matches-this', 'beta'), ...saved.map(back).map((r) => ({ ...r, name: `${r.name} (edited)` }))]);
    const now = (await getRouteList(ctx.prisma, sup)).routes;
    expect(now.find((r) => r.id === alpha.id)).toMatchObject({ name: 'Alpha (edited)', position: 1, queueId: q.alpha });
  });

  it("the create path's raw reader and loadRouteList read the same rules", async () => {
    await save([route('Alpha', 'alpha', 'alpha'), { ...route('Off', 'off', 'beta'), enabled: false, priority: 'LOW' }]);
    const rule = ({ id, name, enabled, expression, queueId, priority }: { id: string; name: string; enabled: boolean; expression: unknown; queueId: string; priority: string | null }) =>
      ({ id, name, enabled, expression, queueId, priority });
    const raw = (await routesForVersion(sqlOf(ctx.prisma), null)).map((c) => rule(c.route));
    const viaPrisma = compileRoutes(await loadRouteList(ctx.prisma)).map((c) => rule(c.route));
    expect(raw).toEqual(viaPrisma);
    expect(raw.map((r) => r.name)).toEqual(['Alpha', 'Off']);
  });
});
