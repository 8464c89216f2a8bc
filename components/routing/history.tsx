'use client';

import { useState, useTransition } from 'react';
import type { VersionRow } from '@/lib/domain/routing/editor';
import { Card, secondaryButton } from '@/components/ui/controls';
import { RelativeTime } from '@/components/ui/relative-time';

type Props = {
  versions: VersionRow[];
  current: number;
  now: string;
  canManage: boolean;
  dirty: boolean;
  /** Resolves to whether it was restored; a refusal is shown by the page, above the list. */
  onRestore: (version: number) => Promise<boolean>;
};

/** Every saved version with who saved it; restoring saves the old list again as the newest version. */
export function History({ versions, current, now, canManage, dirty, onRestore }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();

  function restore(version: number) {
    startTransition(async () => {
      if (await onRestore(version)) setConfirming(null);
    });
  }

  return (
    <Card title="Revision history">
      {versions.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing saved yet.</p>
      ) : (
        <ol className="max-h-80 divide-y divide-slate-100 overflow-y-auto" aria-label="Saved versions">
          {versions.map((v) => (
            <li key={v.version} className="py-2 text-sm" data-testid="version-row">
              <div className="flex items-center justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    Version {v.version}
                    {v.version === current && (
                      <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Current</span>
                    )}
                  </p>
                  <p className="truncate text-xs text-slate-500">
                    {v.savedBy} · <RelativeTime date={v.savedAt} now={now} /> · {v.routeCount} {v.routeCount === 1 ? 'route' : 'routes'}
                  </p>
                </div>
                {canManage && v.version !== current && confirming !== v.version && (
                  <button
                    type="button"
                    className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                    aria-label={`Restore version ${v.version}`}
                    onClick={() => setConfirming(v.version)}
                  >
                    Restore
                  </button>
                )}
              </div>
              {confirming === v.version && (
                <div className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" role="group" aria-label={`Confirm restoring version ${v.version}`}>
                  <p>
                    Save version {v.version}&rsquo;s {v.routeCount} routes as a new version?
                    {dirty && ' Your unsaved changes will be lost.'}
                  </p>
                  <div className="mt-2 flex gap-2">
                    <button type="button" className={secondaryButton} onClick={() => restore(v.version)} disabled={pending} autoFocus>
                      {pending ? 'Restoring…' : `Restore version ${v.version}`}
                    </button>
                    <button type="button" className="rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-amber-100" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
