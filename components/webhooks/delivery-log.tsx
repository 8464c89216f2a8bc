import Link from 'next/link';
import type { DeliveryPage } from '@/lib/domain/webhook-deliveries';
import { RelativeTime } from '@/components/ui/relative-time';
import { RedeliverButton, RedeliverRangeForm } from './redeliver';

const STATUS_STYLE = {
  DELIVERED: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  PENDING: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  FAILED: 'bg-red-50 text-red-700 ring-red-600/20',
} as const;

/** One subscription's deliveries, newest first, each with its attempts (status, latency, the start of the answer). */
export function DeliveryLog({ webhookId, page, now, status }: { webhookId: string; page: DeliveryPage; now: Date; status?: string }) {
  const base = `/webhooks?log=${encodeURIComponent(webhookId)}`;
  return (
    <section aria-labelledby="delivery-log" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="delivery-log" className="text-lg font-semibold tracking-tight">
          Delivery log
        </h2>
        <nav aria-label="Delivery status" className="flex gap-1 text-sm">
          {[undefined, 'PENDING', 'DELIVERED', 'FAILED'].map((s) => (
            <Link
              key={s ?? 'all'}
              href={s ? `${base}&status=${s}` : base}
              aria-current={s === status ? 'page' : undefined}
              className={`rounded-md px-2 py-1 ${s === status ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {s ? s[0] + s.slice(1).toLowerCase() : 'All'}
            </Link>
          ))}
        </nav>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <RedeliverRangeForm webhookId={webhookId} />
      </div>
      {page.deliveries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No deliveries yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Deliveries">
          {page.deliveries.map((d) => {
            const last = d.attemptLog[0];
            return (
              <li key={d.id} data-testid="delivery-row" className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[d.status]}`}>{d.status.toLowerCase()}</span>
                  <code className="font-semibold text-slate-900">{d.event.type}</code>
                  {d.event.conversationId && (
                    <Link href={`/inbox/${d.event.conversationId}`} className="text-brand-700 underline hover:text-brand-900">
                      conversation, event #{d.event.sequence}
                    </Link>
                  )}
                  <span className="text-slate-500">
                    {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                    {last && <> · last {last.statusCode ?? 'no answer'} in {last.latencyMs} ms</>}
                    {d.status === 'PENDING' && d.attempts > 0 && (
                      <>
                        {' '}
                        · next <RelativeTime date={d.nextAttemptAt} now={now} />
                      </>
                    )}
                  </span>
                  <span className="text-slate-500">
                    <RelativeTime date={d.createdAt} now={now} />
                  </span>
                  <span className="ml-auto">
                    <RedeliverButton webhookId={webhookId} deliveryId={d.id} label={`${d.event.type} event ${d.eventId}`} />
                  </span>
                </div>
                {d.attemptLog.length > 0 && (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-xs font-medium text-slate-600">Attempts</summary>
                    <ol className="mt-2 space-y-1">
                      {d.attemptLog.map((a) => (
                        <li key={a.id} className="rounded bg-slate-50 px-2 py-1 text-xs text-slate-700">
                          <span className="font-medium">{a.statusCode ?? 'no answer'}</span> · {a.latencyMs} ms · <RelativeTime date={a.at} now={now} />
                          {a.error && <div className="text-red-700">{a.error}</div>}
                          {a.responseExcerpt && <pre className="mt-1 max-h-24 overflow-auto whitespace-pre-wrap break-all font-mono text-slate-600">{a.responseExcerpt}</pre>}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {page.totalItems > page.deliveries.length && (
        <p className="text-sm text-slate-500">
          Showing the newest {page.deliveries.length} of {page.totalItems}.
        </p>
      )}
    </section>
  );
}
