import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { listWebhooks } from '@/lib/domain/webhooks';
import { listDeliveries } from '@/lib/domain/webhook-deliveries';
import { DELIVERY_STATUSES } from '@/lib/validation/webhooks';
import { PageHeader } from '@/components/console/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { CreateWebhookForm } from '@/components/webhooks/create-webhook-form';
import { WebhookControls } from '@/components/webhooks/webhook-controls';
import { DeliveryLog } from '@/components/webhooks/delivery-log';

export const metadata: Metadata = { title: 'Webhooks' };

type Search = { log?: string; status?: string };

// Webhook subscriptions and their delivery log (admins; SPEC §6 "People and keys … webhooks").
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor('webhooks.manage');
  const search = await searchParams;
  const status = DELIVERY_STATUSES.find((s) => s === search.status);
  const [page, inboxes, queues] = await Promise.all([
    listWebhooks(db(), actor, { page: 0, limit: 100, orderBy: 'createdAt:asc' }),
    db().inbox.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db().queue.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const selected = page.webhooks.find((w) => w.id === search.log);
  const log = selected ? await listDeliveries(db(), actor, { webhookId: selected.id, page: 0, limit: 50, status }) : null;
  const names = new Map([...inboxes, ...queues].map((x) => [x.id, x.name]));
  const now = new Date();
  return (
    <>
      <PageHeader title="Webhooks" description="Signed HTTP callbacks for bots and other systems: what happened, at least once, with a log you can replay." />
      <main className="space-y-10 px-4 py-6 sm:px-8">
        <section aria-labelledby="new-webhook" className="space-y-3">
          <h2 id="new-webhook" className="text-lg font-semibold tracking-tight">
            New webhook
          </h2>
          <p className="text-sm text-slate-500">
            Each request carries <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">Switchboard-Event-Id</code> and{' '}
            <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">Switchboard-Signature</code> (HMAC-SHA256 with the secret).{' '}
            <a href="/ccaas/docs#tag/Webhooks" className="font-medium text-brand-700 underline hover:text-brand-900">
              How to verify
            </a>
          </p>
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <CreateWebhookForm inboxes={inboxes} queues={queues} />
          </div>
        </section>
        <section aria-labelledby="subscriptions" className="space-y-3">
          <h2 id="subscriptions" className="text-lg font-semibold tracking-tight">
            Subscriptions
          </h2>
          {page.webhooks.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No webhooks yet.</p>
          ) : (
            <ul className="space-y-3" aria-label="Webhooks">
              {page.webhooks.map((w) => {
                const paused = w.pausedAt !== null;
                return (
                  <li key={w.id} data-testid="webhook-row" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div className="min-w-0 space-y-1">
                        <p className="break-all font-mono text-sm font-semibold text-slate-900">{w.url}</p>
                        <p className="text-xs text-slate-600">{w.events.join(', ')}</p>
                        {(w.inboxIds.length > 0 || w.queueIds.length > 0) && (
                          <p className="text-xs text-slate-500">Only {[...w.inboxIds, ...w.queueIds].map((id) => names.get(id) ?? id).join(', ')}</p>
                        )}
                        <p className="text-xs text-slate-500">
                          {!w.enabled ? 'Disabled' : paused ? 'Paused' : 'Enabled'} · created <RelativeTime date={w.createdAt} now={now} />
                        </p>
                      </div>
                      <WebhookControls webhook={{ id: w.id, url: w.url, events: w.events, inboxIds: w.inboxIds, queueIds: w.queueIds, enabled: w.enabled, paused }} />
                    </div>
                    {paused && w.enabled && (
                      <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                        Paused <RelativeTime date={w.pausedAt!} now={now} />: {w.pauseReason} Nothing is sent until you resume it; pending events go out then.
                      </p>
                    )}
                    <Link href={`/webhooks?log=${encodeURIComponent(w.id)}#delivery-log`} className="mt-2 inline-block text-sm font-medium text-brand-700 underline hover:text-brand-900">
                      Delivery log<span className="sr-only"> of {w.url}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {selected && log && <DeliveryLog webhookId={selected.id} page={log} now={now} status={status} />}
      </main>
    </>
  );
}
