import { showValue } from './words';

/** ✓ or ✗ from a simulation, with the value the condition saw (hover, or read by screen readers). */
export function TraceMark({ result, actual }: { result: boolean; actual?: unknown }) {
  const seen = actual === undefined ? '' : `; the sample had ${showValue(actual)}`;
  return (
    <span
      className={`inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
        result ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'
      }`}
      title={`${result ? 'Holds' : 'Does not hold'}${seen}`}
      data-testid="trace-mark"
      data-result={result ? 'pass' : 'fail'}
    >
      <span aria-hidden="true">{result ? '✓' : '✗'}</span>
      <span className="sr-only">{`${result ? 'Holds' : 'Does not hold'}${seen}`}</span>
    </span>
  );
}
