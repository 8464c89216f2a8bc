import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { MAX_WHAT_IF_CONVERSATIONS, type RouteListInput, type SimulateConversationInput, type SimulateSampleInput, type WhatIfInput } from '../../validation/routing';
import { getConversation } from '../conversations/get';
import { compileRoutes, traceRoutes, type RouteRule } from './match';
import { decideQueue } from './decide';
import { compiledRouteList, loadDefaultQueue, loadRouteList } from './saved-routes';
import { loadRoutingContexts } from './context';
import type { RoutingContext } from './compile';

/** A draft list from the editor (unsaved): same shape as a save, ids made up when missing. */
function draftRoutes(routes: RouteListInput): RouteRule[] {
  return routes.map((r, i) => ({
    id: r.id ?? `draft-${i}`,
    name: r.name,
    enabled: r.enabled,
    expression: r.expression,
    queueId: r.queueId,
    priority: r.priority ?? null,
  }));
}

async function outcome(tx: Tx, routes: RouteRule[], ctx: RoutingContext) {
  const decision = decideQueue(compileRoutes(routes), await loadDefaultQueue(tx), ctx);
  return {
    matchedRouteId: decision.routeId,
    queueId: decision.queueId,
    priority: decision.priority,
    usedDefaultQueue: decision.usedDefaultQueue,
    routes: traceRoutes(routes, ctx).map((r) => ({ id: r.route.id, name: r.route.name, queueId: r.route.queueId, skipped: r.skipped, matched: r.matched, trace: r.trace })),
  };
}

const routesToTry = async (db: Tx, draft: RouteListInput | undefined): Promise<RouteRule[]> => (draft === undefined ? loadRouteList(db) : draftRoutes(draft));

/** Which route would take this conversation now, and why (reference simulate-routing). Changes nothing. */
export async function simulateConversation(db: Tx, actor: Actor, input: SimulateConversationInput) {
  // Visibility: a conversation the actor may not see is not found.
  const c = await getConversation(db, actor, { conversationId: input.conversationId });
  const ctx = (await loadRoutingContexts(db, [c.id])).get(c.id)!;
  return { conversationId: c.id, context: ctx, ...(await outcome(db, await routesToTry(db, input.routes), ctx)) };
}

/** The route editor's simulator: a typed sample against the saved list or an unsaved draft. */
export async function simulateSample(db: Tx, _actor: Actor, input: SimulateSampleInput) {
  return outcome(db, await routesToTry(db, input.routes), input.sample as RoutingContext);
}

const DEFAULT_WHAT_IF_CONVERSATIONS = 500;

/**
 * What-if: the latest `limit` conversations run through a draft list, counted per queue against
 * where the saved list sends them — before anyone saves. A fixed number of queries whatever `limit` is.
 */
export async function whatIf(db: Tx, _actor: Actor, input: WhatIfInput) {
  const draft = compileRoutes(draftRoutes(input.routes));
  const saved = await compiledRouteList(db);
  const n = input.limit ?? DEFAULT_WHAT_IF_CONVERSATIONS;
  const recent = await db.conversation.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: Math.min(Math.max(n, 1), MAX_WHAT_IF_CONVERSATIONS), select: { id: true } });
  const contexts = await loadRoutingContexts(db, recent.map((r) => r.id));
  const fallback = await loadDefaultQueue(db);
  const counts = new Map<string, { now: number; draft: number }>();
  let moved = 0;
  for (const ctx of contexts.values()) {
    const a = decideQueue(saved, fallback, ctx).queueId ?? 'none';
    const b = decideQueue(draft, fallback, ctx).queueId ?? 'none';
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
