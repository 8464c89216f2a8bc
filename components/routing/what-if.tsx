'use client';

import { useState } from 'react';
import { useWhatIf, type RouteDraftInput } from '@/lib/query/routes';
import type { WhatIfResult } from '@/lib/domain/routing/editor';
import { Card, FieldError, secondaryButton } from '@/components/ui/controls';
import { fingerprint } from './draft';

/** The last 500 conversations through the draft and through the saved list, counted per queue. */
export function WhatIf({ draft }: { draft: RouteDraftInput[] }) {
  const [shown, setShown] = useState<{ result: WhatIfResult; for: string } | null>(null);
  const whatIf = useWhatIf();
  const key = fingerprint(draft);

  function run() {
    void whatIf.run(draft).then((res) => {
      // A failed run leaves the last answer on screen, under its message.
      if (res?.ok) setShown({ result: res.data, for: key });
    });
  }

  const r = shown?.result;
  return (
    <Card title="What if?">
      <p className="text-xs text-slate-500">Where the last 500 conversations would go with this draft, against the saved routes. Nothing changes.</p>
      <button type="button" className={`mt-2 ${secondaryButton}`} onClick={run} disabled={whatIf.pending}>
        {whatIf.pending ? 'Counting…' : 'Run what-if'}
      </button>
      <FieldError message={whatIf.error?.message ?? null} />
      {r && (
        <div className="mt-3" role="status" data-testid="what-if">
          <p className="text-sm">
            <span className="font-semibold">{r.moved}</span> of {r.conversations} conversations would move.
            {shown.for !== key && <span className="block text-xs text-amber-700">The routes changed since this run.</span>}
          </p>
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">Conversations per queue, now and with the draft</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th scope="col" className="py-1 font-medium">
                  Queue
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Now
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Draft
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Difference
                </th>
              </tr>
            </thead>
            <tbody>
              {r.queues.map((q) => {
                const d = q.draft - q.now;
                return (
                  <tr key={q.queueId ?? 'none'} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="py-1 text-left font-normal text-slate-800">
                      {q.name}
                      {q.assignment && (
                        <span className="block text-xs text-slate-500">
                          → {q.assignment.agentName ? `${q.assignment.agentName} (${q.assignment.reason})` : q.assignment.reason}
                        </span>
                      )}
                    </th>
                    <td className="py-1 text-right tabular-nums">{q.now}</td>
                    <td className="py-1 text-right tabular-nums">{q.draft}</td>
                    <td className={`py-1 text-right font-medium tabular-nums ${d > 0 ? 'text-emerald-700' : d < 0 ? 'text-red-700' : 'text-slate-500'}`}>
                      {d > 0 ? `+${d}` : d === 0 ? '±0' : `−${-d}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
