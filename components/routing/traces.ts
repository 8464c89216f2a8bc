import { toExpression, type BuilderGroup, type NodeLocation } from '@/lib/domain/routing/builder';
import type { TraceNode } from '@/lib/domain/routing/explain';

export type NodeVerdicts = Map<string, { result: boolean; actual?: unknown }>;

/** Verdicts by builder node, matched through the positions both sides write (`$and[1].$eq.message.channel`). */
export function tracesByNode(root: BuilderGroup, trace: TraceNode | null): NodeVerdicts | null {
  if (!trace) return null;
  const byAt = new Map<string, TraceNode>();
  const walk = (t: TraceNode) => {
    byAt.set(t.at, t);
    if (t.kind !== 'condition') t.children.forEach(walk);
  };
  walk(trace);
  const locations: NodeLocation[] = [];
  toExpression(root, locations);
  const out: NodeVerdicts = new Map();
  for (const loc of locations) {
    const t = loc.traceAt === null ? undefined : byAt.get(loc.traceAt);
    if (t) out.set(loc.id, { result: t.result, actual: t.kind === 'condition' ? t.actual : undefined });
  }
  return out;
}
