import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';
import { MAX_WHAT_IF_CONVERSATIONS, type RouteListInput, type SimulateConversationInput, type SimulateSampleInput, type WhatIfInput } from '../../validation/routing';
import { getConversation } from '../conversations/get';
import { compileRoutes, traceRoutes, type RouteRule } from './match';
import { decideQueue } from './decide';
import { compiledRouteList, loadDefaultQueue, loadRouteList } from './saved-routes';
import { loadRoutingContexts } from './context';
import type { RoutingContext } from './compile';
import type { Channel } from '../../generated/prisma/enums';
import { loadClosedQueues } from '../assignment/hours-sql';
import { previewAssignment, type AssignmentPreview } from '../assignment/explain';

/** A draft list from the editor (unsaved): same shape as a save, ids made up when missing. */
function draftRoutes(routes: RouteListInput): RouteRule[] {
  return routes.map((r, i) => ({
    id: r.id ?? `draft-${i}`,
    name: r.name,
    enabled: r.enabled,
    expression: r.expression,
    queueId: r.queueId,
    priority: r.priority ?? null,
    routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours ?? false,
  }));
}

type Assignee = { inboxId: string | null; customerId?: string | null; conversationId?: string };

/** The routing decision, with working hours as they are now, then what auto-assignment would do with it. */
async function outcome(tx: Tx, routes: RouteRule[], ctx: RoutingContext, who: Assignee) {
  const closed = new Set((await loadClosedQueues(tx, new Date())).map((q) => q.id));
  const decision = decideQueue(compileRoutes(routes), await loadDefaultQueue(tx), ctx, closed);
  const channel = (ctx.conversation?.channel ?? ctx.message?.channel ?? null) as Channel | null;
  const assignment = await previewAssignment(tx, { ...who, channel, queueId: decision.queueId });
  return {
    matchedRouteId: decision.routeId,
    queueId: decision.queueId,
    priority: decision.priority,
    usedDefaultQueue: decision.usedDefaultQueue,
    routes: traceRoutes(routes, ctx).map((r) => ({
      id: r.route.id,
      name: r.route.name,
      queueId: r.route.queueId,
      skipped: r.route.enabled && r.route.routeOnlyDuringWorkingHours && closed.has(r.route.queueId) ? ('outsideWorkingHours' as const) : r.skipped,
      matched: r.matched,
      trace: r.trace,
    })),
    assignment,
  };
}

const routesToTry = async (db: Tx, draft: RouteListInput | undefined): Promise<RouteRule[]> => (draft === undefined ? loadRouteList(db) : draftRoutes(draft));

/** Which route would take this conversation now, and why (reference simulate-routing). Changes nothing. */
export async function simulateConversation(db: Tx, actor: Actor, input: SimulateConversationInput) {
  // Visibility: a conversation the actor may not see is not found.
  const c = await getConversation(db, actor, { conversationId: input.conversationId });
  const ctx = (await loadRoutingContexts(db, [c.id])).get(c.id)!;
  const who = { inboxId: c.inboxId, customerId: c.customerId, conversationId: c.id };
  return { conversationId: c.id, context: ctx, ...(await outcome(db, await routesToTry(db, input.routes), ctx, who)) };
}

/** The route editor's simulator: a typed sample against the saved list or an unsaved draft. */
export async function simulateSample(db: Tx, _actor: Actor, input: SimulateSampleInput) {
  const sample = input.sample as RoutingContext;
  return outcome(db, await routesToTry(db, input.routes), sample, { inboxId: sample.conversation?.inboxId ?? null });
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
  const closed = new Set((await loadClosedQueues(db, new Date())).map((q) => q.id));
  const counts = new Map<string, { now: number; draft: number }>();
  // One conversation the draft sends to each queue stands for it in the assignment preview.
  const sampleInbox = new Map<string, string | null>();
  let moved = 0;
  for (const ctx of contexts.values()) {
    const a = decideQueue(saved, fallback, ctx, closed).queueId ?? 'none';
    const b = decideQueue(draft, fallback, ctx, closed).queueId ?? 'none';
    if (a !== b) moved++;
    if (!sampleInbox.has(b)) sampleInbox.set(b, ctx.conversation?.inboxId ?? null);
    for (const [q, k] of [[a, 'now'], [b, 'draft']] as const) {
      const row = counts.get(q) ?? { now: 0, draft: 0 };
      row[k]++;
      counts.set(q, row);
    }
  }
  const previews = new Map<string, AssignmentPreview>();
  for (const [q, inboxId] of sampleInbox) previews.set(q, await previewAssignment(db, { inboxId, queueId: q === 'none' ? null : q }));
  const names = new Map((await db.queue.findMany({ select: { id: true, name: true } })).map((q) => [q.id, q.name]));
  return {
    conversations: contexts.size,
    moved,
    queues: [...counts]
      .map(([queueId, c]) => ({ queueId: queueId === 'none' ? null : queueId, name: names.get(queueId) ?? 'No queue', ...c, assignment: previews.get(queueId) ?? null }))
      .sort((x, y) => y.draft - x.draft),
  };
}
