// Shared looks for form controls, so every form in the console reads the same and keeps a visible focus ring.

export const labelClass = 'block text-xs font-medium text-slate-600';

const field =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500';

export const inputClass = field;
export const selectClass = `${field} pr-8`;

const button =
  'inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-50';

export const primaryButton = `${button} bg-brand-600 text-white hover:bg-brand-700`;
export const secondaryButton = `${button} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`;
export const dangerButton = `${button} bg-red-600 text-white hover:bg-red-700`;

/** A refusal shown right under the control it concerns; announced to screen readers when it appears. */
export function FieldError({ id, message }: { id?: string; message?: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

/** The first field message for a key, else the error's own message. */
export function errorFor(error: { message: string; fields?: Record<string, string[]> } | null, ...keys: string[]): string | null {
  if (!error) return null;
  for (const k of keys) {
    const msg = error.fields?.[k]?.[0];
    if (msg) return msg;
  }
  return error.message;
}

export function Card({ title, children, className = '', action }: { title: string; children: React.ReactNode; className?: string; action?: React.ReactNode }) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className={`rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {action}
      </div>
      <div className="px-4 py-3">{children}</div>
    </section>
  );
}
