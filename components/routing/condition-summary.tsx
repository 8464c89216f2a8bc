import type { BuilderGroup, BuilderNode } from '@/lib/domain/routing/builder';
import { numberOf } from '@/lib/domain/routing/builder';
import type { ExprState } from './draft';
import type { NodeVerdicts } from './traces';
import { TraceMark } from './trace-mark';
import { OPERATOR_SHORT } from './words';
import { useRouteLookups } from './route-lookups';

/** A collapsed route's conditions on one line, each ticked or crossed after a simulation. */
export function ConditionSummary({ expr, verdicts }: { expr: ExprState; verdicts: NodeVerdicts | null }) {
  if (expr.mode === 'raw') {
    return <code className="block min-w-0 truncate font-mono text-xs text-slate-500">{JSON.stringify(expr.json)}</code>;
  }
  return (
    <p className="flex min-w-0 flex-wrap items-center gap-1 text-xs text-slate-600" data-testid="condition-summary">
      <Node node={expr.root} verdicts={verdicts} top />
    </p>
  );
}

function Node({ node, verdicts, top = false }: { node: BuilderNode; verdicts: NodeVerdicts | null; top?: boolean }) {
  const { inboxes } = useRouteLookups();
  if (node.kind === 'condition') {
    const v = verdicts?.get(node.id);
    const value = node.value;
    // Inboxes are stored by id and read by name.
    const name = (id: string) => (node.path === 'conversation.inboxId' ? (inboxes.find((i) => i.id === id)?.name ?? id) : id);
    const shown =
      value.shape === 'list'
        ? value.items.map(name).join(', ') || '…'
        : value.type === 'null'
          ? 'nothing'
          : value.type === 'string'
            ? `"${name(value.text)}"`
            : value.type === 'number'
              ? (numberOf(value.text) ?? value.text) || '…'
              : value.text;
    return (
      <span className="inline-flex max-w-full flex-wrap items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 break-all" data-testid="summary-condition">
        {v && <TraceMark result={v.result} actual={v.actual} />}
        <span className="font-mono text-slate-700">{node.path === 'tags' ? '' : node.path}</span>
        <span className="text-slate-600">{node.op === '$exists' && value.shape === 'scalar' && value.text === 'false' ? 'missing' : OPERATOR_SHORT[node.op]}</span>
        {node.op !== '$exists' && <span className="font-medium text-slate-800">{shown}</span>}
      </span>
    );
  }
  return <Group node={node} verdicts={verdicts} top={top} />;
}

function Group({ node, verdicts, top }: { node: BuilderGroup; verdicts: NodeVerdicts | null; top: boolean }) {
  if (!node.children.length) return <span className="italic text-slate-500">no conditions</span>;
  const word = node.op === 'and' ? 'and' : 'or';
  const paren = !top || node.not;
  return (
    <>
      {node.not && <span className="font-semibold text-amber-700">NOT</span>}
      {paren && node.children.length > 1 && <span aria-hidden="true">(</span>}
      {node.children.map((c, i) => (
        <span key={c.id} className="inline-flex max-w-full flex-wrap items-center gap-1">
          {i > 0 && <span className="font-semibold uppercase text-slate-500">{word}</span>}
          <Node node={c} verdicts={verdicts} />
        </span>
      ))}
      {paren && node.children.length > 1 && <span aria-hidden="true">)</span>}
    </>
  );
}
