'use client';

import { useMemo, useReducer, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { UNREACHABLE } from '@/components/ui/use-action-runner';
import type { RouteEditorData, SimulationResult } from '@/lib/domain/routing/editor';
import type { ActionResult } from '@/lib/actions/result';
import { knownSavedVersion, ownChangeUnderWay, readSavedRoutes, useRouteListChanges, useRoutesBusy, useSavedRoutes } from '@/lib/query/routes';
import { PageHeader } from '@/components/console/page-header';
import { secondaryButton } from '@/components/ui/controls';
import { useLive, useLiveEvent } from '@/components/realtime/live-provider';
import { fingerprint, localFaults, newDraftRoute, toInput, type DraftRoute } from './draft';
import { editorReducer, initEditor, savedFingerprint, shownFaults } from './draft-reducer';
import { History } from './history';
import { RouteList } from './route-list';
import { SaveBanner, SaveBar, type Banner } from './save-bar';
import { Simulator } from './simulator';
import type { RouteSim } from './sortable-route';
import { useUnsavedGuard } from './use-unsaved-guard';
import { WhatIf } from './what-if';
import { RouteLookupsProvider } from './route-lookups';

type Props = {
  initial: RouteEditorData;
  queues: { id: string; name: string; isDefault: boolean }[];
  tagNames: string[];
  inboxes?: { id: string; name: string }[];
  canManage: boolean;
};


/** Ids (a save gives new routes theirs) do not change a simulation's outcome. */
const simKey = (draft: DraftRoute[]) => fingerprint(draft.map((d) => ({ ...toInput(d), id: undefined })));

/** `{"[2].queueId": ["No queue has this id."]}` → `Route 3, queueId: No queue has this id.` */
function describeFields(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([key, messages]) => {
      const m = /^\[?(\d+)\]?\.(\w+)$/.exec(key);
      return `${m ? `Route ${Number(m[1]) + 1}, ${m[2]}` : key}: ${messages[0]}`;
    })
    .join(' ');
}

/**
 * The route list editor: the saved list is a query, the draft a reducer over it; a save goes with
 * the version the draft started from. Beside the list, the simulator, what-if and the history.
 */
export function RoutesEditor({ initial, queues, tagNames, inboxes = [], canManage }: Props) {
  const queryClient = useQueryClient();
  const saved = useSavedRoutes(initial);
  const [state, dispatch] = useReducer(editorReducer, saved, initEditor);
  const { base, draft, expanded, banner } = state;
  const changes = useRouteListChanges();
  const pending = useRoutesBusy();
  const [sim, setSim] = useState<{ result: SimulationResult; for: string } | null>(null);

  const inputs = useMemo(() => draft.map(toInput), [draft]);
  const current = fingerprint(inputs);
  const dirty = current !== useMemo(() => savedFingerprint(base), [base]);
  const local = useMemo(() => localFaults(draft), [draft]);
  const faults = shownFaults(state, local, current);
  const simFor = simKey(draft);
  const sims = useMemo(() => {
    if (!sim || sim.for !== simFor) return null;
    const winner = sim.result.routes.findIndex((r) => r.matched && !r.skipped);
    return new Map<string, RouteSim>(
      draft.map((d, i) => {
        const r = sim.result.routes[i];
        return [d.key, { winner: i === winner, matched: r.matched, skipped: r.skipped, trace: r.trace }];
      }),
    );
  }, [sim, simFor, draft]);
  useUnsavedGuard(dirty);

  // Someone else saved: an untouched list simply shows the new version; a draft is kept and the
  // supervisor is told, because saving it would now be refused as stale.
  // This tab's own saves (under way, or versions they made, which the query knows before this
  // component renders again) answer for themselves; so does a reload.
  const { userId } = useLive();
  useLiveEvent((e) => {
    if (ownChangeUnderWay(queryClient)) return;
    if (e.type === 'resync') {
      if (!dirty) void pull(null, null);
      return;
    }
    if (e.type !== 'routes' || e.version <= Math.max(base.version, knownSavedVersion(queryClient))) return;
    const who =
      e.savedBy.kind === 'apiKey' ? `API key ${e.savedBy.name}` : e.savedBy.kind === 'user' && e.savedBy.id === userId ? 'You (in another tab)' : e.savedBy.name;
    const kept: Banner = { kind: 'remote', message: `${who} saved version ${e.version} while you were editing.` };
    if (dirty) dispatch({ type: 'notify', banner: kept });
    else void pull({ kind: 'saved', message: `${who} saved version ${e.version}; you are looking at it.` }, kept, e.version);
  });

  /**
   * Live updates, unlike the Reload button, never pull the list from under the user: the reducer
   * adopts only a newer version, and only while the draft is untouched (edits started while the
   * read was out get `kept` instead).
   */
  async function pull(adopted: Banner | null, kept: Banner | null, version = 0) {
    const next = await readSavedRoutes(queryClient, version);
    if (next) dispatch({ type: 'rebase', saved: next, adopted, kept });
  }

  /**
   * Shared by save and restore: both answer with the new list or a refusal. `sent` is the draft a
   * save sent; a restore's field faults are about an old version's list and cannot be pinned on it.
   */
  function settle(res: ActionResult<RouteEditorData> | null, done: string, sent?: DraftRoute[]): boolean {
    if (!res) {
      dispatch({ type: 'notify', banner: { kind: 'error', message: UNREACHABLE } });
      return false;
    }
    if (res.ok) {
      dispatch({ type: 'reset', saved: res.data, banner: { kind: 'saved', message: `${done} as version ${res.data.version}.` } });
      return true;
    }
    const { code, message, fields } = res.error;
    if (code === 'CONFLICT' && fields?.version) dispatch({ type: 'notify', banner: { kind: 'conflict', message } });
    else if (code === 'BAD_REQUEST' && fields && sent) dispatch({ type: 'refused', sent, fields, banner: { kind: 'error', message } });
    else if (code === 'BAD_REQUEST' && fields) dispatch({ type: 'notify', banner: { kind: 'error', message: `${message} ${describeFields(fields)}` } });
    else dispatch({ type: 'notify', banner: { kind: 'error', message } });
    return false;
  }

  async function save() {
    if (local.size) {
      const message = `${local.size === 1 ? 'A route needs' : `${local.size} routes need`} fixing first; nothing was saved.`;
      dispatch({ type: 'blocked', faults: local, banner: { kind: 'error', message } });
      return;
    }
    settle(await changes.save({ routes: inputs, baseVersion: base.version }), 'Saved', draft);
  }

  async function reload() {
    const res = await changes.reload();
    if (res?.ok) dispatch({ type: 'reset', saved: res.data, banner: null });
    else dispatch({ type: 'notify', banner: { kind: 'error', message: res ? res.error.message : UNREACHABLE } });
  }

  const fallbackQueue = queues.find((q) => q.isDefault) ?? queues[0];
  const lookups = useMemo(() => ({ inboxes }), [inboxes]);
  return (
    <RouteLookupsProvider value={lookups}>
      <PageHeader title="Routes" description="New conversations go to the first enabled route whose conditions hold. Drag to change the order.">
        <SaveBar
          version={base.version}
          dirty={dirty}
          pending={pending}
          canManage={canManage}
          onSave={() => void save()}
          onDiscard={() => dispatch({ type: 'reset', saved: base })}
        />
      </PageHeader>
      <main className="grid items-start gap-6 px-4 py-6 md:px-8 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          <SaveBanner banner={banner} onReload={() => void reload()} reloading={pending} />
          {!canManage && <p className="rounded-md bg-slate-100 px-4 py-2 text-sm text-slate-600">You can try changes and simulate them, but not save them.</p>}
          {draft.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
              No routes: every new conversation goes to the default queue.
            </p>
          ) : (
            <RouteList
              routes={draft}
              onMove={(key, over) => dispatch({ type: 'move', key, over })}
              onChange={(key, patch) => dispatch({ type: 'edit', key, patch })}
              onSwitch={(key) => dispatch({ type: 'toggle', key })}
              onDelete={(key) => dispatch({ type: 'remove', key })}
              expanded={expanded}
              onToggle={(key) => dispatch({ type: 'fold', key })}
              queues={queues}
              faults={faults}
              sims={sims}
              tagNames={tagNames}
            />
          )}
          <div className="flex items-center gap-3">
            <button
              type="button"
              className={secondaryButton}
              disabled={!fallbackQueue}
              onClick={() => dispatch({ type: 'add', route: newDraftRoute(fallbackQueue.id, draft.length + 1) })}
            >
              + Add route
            </button>
            {!fallbackQueue && <span className="text-sm text-slate-500">Create a queue first: every route sends conversations to one.</span>}
          </div>
        </div>
        <aside className="space-y-4 xl:sticky xl:top-4" aria-label="Try and review">
          <Simulator
            draft={inputs}
            names={draft.map((d) => d.name)}
            queues={queues}
            result={sim?.result ?? null}
            current={sim?.for === simFor}
            onResult={(result) => setSim({ result, for: simFor })}
          />
          <WhatIf draft={inputs} />
          <History
            versions={base.versions}
            current={base.version}
            now={base.now}
            canManage={canManage}
            dirty={dirty}
            onRestore={async (version) => settle(await changes.restore({ version, baseVersion: base.version }), `Restored version ${version}`)}
          />
        </aside>
      </main>
    </RouteLookupsProvider>
  );
}
