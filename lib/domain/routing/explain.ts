import type { ExprNode, Operator, Scalar } from './expression';
import { conditionTest, resolver, type RoutingContext } from './compile';

export type TraceNode =
  | { kind: 'condition'; at: string; op: Operator; path: string; expected: Scalar | Scalar[]; actual: unknown; result: boolean }
  | { kind: 'and' | 'or' | 'not'; at: string; result: boolean; children: TraceNode[] };

/**
 * Evaluates every condition (no short-circuit, so the simulator can tick or cross each one) and
 * returns the tree of results. Its verdict always equals the compiled predicate's.
 */
export function explain(node: ExprNode, ctx: RoutingContext, at = ''): TraceNode {
  const here = (k: string) => (at ? `${at}.${k}` : k);
  switch (node.kind) {
    case 'condition': {
      const actual = resolver(node.path)(ctx);
      return { kind: 'condition', at: here(`${node.op}.${node.path}`), op: node.op, path: node.path, expected: node.value, actual: actual ?? null, result: conditionTest(node)(actual) };
    }
    case 'and':
    case 'or': {
      const key = node.kind === 'and' ? '$and' : '$or';
      const children = node.children.map((c, i) => explain(c, ctx, `${here(key)}[${i}]`));
      const result = node.kind === 'and' ? children.every((c) => c.result) : children.some((c) => c.result);
      return { kind: node.kind, at: here(key), result, children };
    }
    case 'not': {
      const child = explain(node.child, ctx, here('$not'));
      return { kind: 'not', at: here('$not'), result: !child.result, children: [child] };
    }
  }
}
