// A field's length against its limit (from lib/validation), shown only near the limit so it is
// not noise, and in red past it: the form refuses an over-long value instead of cutting it.

/** Shown from this share of the limit on. */
const NEAR = 0.8;

export function overLimit(value: string, max: number) {
  return value.length > max;
}

/** The message a form shows beside an over-long field (the same words zod uses). */
export function limitMessage(value: string, max: number): string | null {
  return overLimit(value, max) ? `At most ${max} characters (${value.length - max} too many).` : null;
}

export function CharCount({ id, value, max, className = '' }: { id: string; value: string; max: number; className?: string }) {
  const n = value.length;
  const over = n > max;
  // The element stays (empty) below the threshold, so a field's aria-describedby can always name it.
  return (
    <span id={id} data-testid="char-count" className={`text-xs tabular-nums ${over ? 'font-semibold text-red-700' : 'text-slate-500'} ${className}`}>
      {n >= max * NEAR && (
        <>
          {n.toLocaleString('en')} / {max.toLocaleString('en')}
          <span className="sr-only"> characters</span>
        </>
      )}
    </span>
  );
}
