import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { assertCan } from '../../access/actor';
import { routeListSchema, sampleSchema } from '../../validation/routing';
import { parseOrThrow } from '../errors';
import { getConversation } from '../conversations/get';
import { simulate, compileRoutes, firstMatch, type RouteRule } from './match';
import { loadRoutingContexts } from './context';
import type { RoutingContext } from './compile';

type DraftRoute = RouteRule & { queueName?: string };

async function savedRoutes(tx: Tx): Promise<DraftRoute[]> {
  const rows = await tx.route.findMany({ orderBy: { position: 'asc' }, include: { queue: { select: { name: true } } } });
  return rows.map((r) => ({ ...r, queueName: r.queue.name }));
}

/** A draft list from the editor (unsaved): same shape as a save, ids made up when missing. */
function draftRoutes(input: unknown): DraftRoute[] {
  return parseOrThrow(routeListSchema, input).map((r, i) => ({
    id: r.id ?? `draft-${i}`,
    name: r.name,
    enabled: r.enabled,
    expression: r.expression,
    queueId: r.queueId,
    priority: r.priority ?? null,
  }));
}

async function outcome(tx: Tx, routes: DraftRoute[], ctx: RoutingContext) {
  const result = simulate(routes, ctx);
  const fallback = result.match ? null : await tx.queue.findFirst({ where: { isDefault: true }, select: { id: true, name: true } });
  return {
    matchedRouteId: result.match?.id ?? null,
    queueId: result.match?.queueId ?? fallback?.id ?? null,
    priority: result.match?.priority ?? null,
    usedDefaultQueue: !!fallback,
    routes: result.routes.map((r) => ({ id: r.route.id, name: r.route.name, queueId: r.route.queueId, skipped: r.skipped, matched: r.matched, trace: r.trace })),
  };
}

/** Which route would take this conversation now, and why (reference simulate-routing). Changes nothing. */
export async function simulateConversation(db: Tx, actor: Actor, id: string, draft?: unknown) {
  const c = await getConversation(db, actor, id);
  const ctx = (await loadRoutingContexts(db, [id])).get(id)!;
  const routes = draft === undefined ? await savedRoutes(db) : draftRoutes(draft);
  return { conversationId: c.id, context: ctx, ...(await outcome(db, routes, ctx)) };
}

/** The route editor's simulator: a typed sample against the saved list or an unsaved draft. */
export async function simulateSample(db: Tx, actor: Actor, input: { sample: unknown; routes?: unknown }) {
  assertCan(actor, 'queues.view');
  const sample = parseOrThrow(sampleSchema, input.sample ?? {});
  const routes = input.routes === undefined ? await savedRoutes(db) : draftRoutes(input.routes);
  return outcome(db, routes, sample as RoutingContext);
}

/**
 * What-if: the last `n` conversations run through a draft list, counted per queue against where
 * the saved list sends them — before anyone saves. Three queries whatever `n` is.
 */
export async function whatIf(db: Tx, actor: Actor, draftInput: unknown, n = 500) {
  assertCan(actor, 'queues.view');
  const draft = compileRoutes(draftRoutes(draftInput));
  const saved = compileRoutes(await savedRoutes(db));
  const recent = await db.conversation.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: Math.min(Math.max(n, 1), 5000), select: { id: true } });
  const contexts = await loadRoutingContexts(db, recent.map((r) => r.id));
  const fallback = await db.queue.findFirst({ where: { isDefault: true }, select: { id: true } });
  const counts = new Map<string, { now: number; draft: number }>();
  let moved = 0;
  for (const ctx of contexts.values()) {
    const a = firstMatch(saved, ctx)?.queueId ?? fallback?.id ?? 'none';
    const b = firstMatch(draft, ctx)?.queueId ?? fallback?.id ?? 'none';
    if (a !== b) moved++;
    for (const [q, k] of [[a, 'now'], [b, 'draft']] as const) {
      const row = counts.get(q) ?? { now: 0, draft: 0 };
      row[k]++;
      counts.set(q, row);
    }
  }
  const names = new Map((await db.queue.findMany({ select: { id: true, name: true } })).map((q) => [q.id, q.name]));
  return {
    conversations: contexts.size,
    moved,
    queues: [...counts].map(([queueId, c]) => ({ queueId: queueId === 'none' ? null : queueId, name: names.get(queueId) ?? 'No queue', ...c })).sort((x, y) => y.draft - x.draft),
  };
}
