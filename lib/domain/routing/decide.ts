import type { Priority } from '../../generated/prisma/enums';
import type { RoutingContext } from './compile';
import { firstMatch, type CompiledRoute } from './match';

/**
 * SPEC §3's decision, in one place: the first enabled route whose expression holds sets the queue
 * and, when it has one, the priority; no match sends the conversation to the default queue, or
 * leaves it without one. Routing, create, the simulator and what-if all decide through
 * `decideQueue`. The reason for the timeline names the queue; the caller reads its name when it
 * writes (the cached route list may predate a rename), hence prefix / queue name / suffix.
 */
export type RouteDecision = {
  queueId: string | null;
  priority: Priority | null;
  /** The route that matched; null when none did. */
  routeId: string | null;
  /** No route matched and a default queue took the conversation. */
  usedDefaultQueue: boolean;
  reasonPrefix: string;
  /** The reason continues with the current name of `queueId`. */
  reasonNamesQueue: boolean;
  reasonSuffix: string;
};

export function decideQueue(
  compiled: CompiledRoute[],
  defaultQueue: { id: string; name: string } | null,
  ctx: RoutingContext,
  /** Queues whose working hours are closed now (`closedQueueIds`): their hours-only routes are passed over. */
  closedQueues?: ReadonlySet<string>,
): RouteDecision {
  const match = firstMatch(compiled, ctx, closedQueues);
  if (match) {
    return {
      queueId: match.queueId,
      priority: (match.priority as Priority | null) ?? null,
      routeId: match.id,
      usedDefaultQueue: false,
      reasonPrefix: `routed by rule ${match.name} to `,
      reasonNamesQueue: true,
      reasonSuffix: match.priority ? ` (priority ${match.priority})` : '',
    };
  }
  return {
    queueId: defaultQueue?.id ?? null,
    priority: null,
    routeId: null,
    usedDefaultQueue: !!defaultQueue,
    reasonPrefix: defaultQueue ? `no route matched: default queue ${defaultQueue.name}` : 'no route matched',
    reasonNamesQueue: false,
    reasonSuffix: '',
  };
}

/** The whole reason, once the queue's current name is known. */
export function decisionReason(d: RouteDecision, queueName: string | null | undefined): string {
  return `${d.reasonPrefix}${d.reasonNamesQueue ? (queueName ?? '') : ''}${d.reasonSuffix}`;
}
