'use client';

import { useMemo, useRef, useState, useTransition } from 'react';
import { reloadRoutesAction, restoreVersionAction, saveRoutesAction } from '@/lib/actions/routing';
import type { RouteEditorData, SimulationResult } from '@/lib/domain/routing/editor';
import type { ActionResult } from '@/lib/actions/result';
import { PageHeader } from '@/components/console/page-header';
import { secondaryButton } from '@/components/ui/controls';
import { faultsByRoute, fingerprint, localFaults, newDraftRoute, rowInput, toDraft, toInput, type DraftRoute, type RouteFaults } from './draft';
import { History } from './history';
import { RouteList } from './route-list';
import { useLive, useLiveEvent } from '@/components/realtime/live-provider';
import { SaveBanner, SaveBar, type Banner } from './save-bar';
import { Simulator } from './simulator';
import type { RouteSim } from './sortable-route';
import { useUnsavedGuard } from './use-unsaved-guard';
import { WhatIf } from './what-if';

type Props = {
  initial: RouteEditorData;
  queues: { id: string; name: string; isDefault: boolean }[];
  tagNames: string[];
  canManage: boolean;
};

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/** Ids change on every save (the list is replaced whole) and do not change a simulation's outcome. */
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

function mergeFaults(a: Map<string, RouteFaults>, b: Map<string, RouteFaults> | undefined): Map<string, RouteFaults> {
  if (!b) return a;
  const out = new Map(a);
  for (const [key, f] of b) {
    const mine = out.get(key);
    // What the editor sees now wins over what the server said about an earlier state of the same list.
    out.set(
      key,
      mine
        ? { name: mine.name ?? f.name, queueId: mine.queueId ?? f.queueId, priority: mine.priority ?? f.priority, expression: mine.expression.size ? mine.expression : f.expression }
        : f,
    );
  }
  return out;
}

/** The route list editor: draft state, save with the version it was loaded at, and the side panels. */
export function RoutesEditor({ initial, queues, tagNames, canManage }: Props) {
  const [data, setData] = useState(initial);
  const [draft, setDraft] = useState<DraftRoute[]>(() => initial.routes.map(toDraft));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [serverFaults, setServerFaults] = useState<{ map: Map<string, RouteFaults>; for: string } | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [sim, setSim] = useState<{ result: SimulationResult; for: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const inputs = useMemo(() => draft.map(toInput), [draft]);
  const current = fingerprint(inputs);
  const dirty = current !== useMemo(() => fingerprint(data.routes.map(rowInput)), [data.routes]);
  const local = useMemo(() => localFaults(draft), [draft]);
  const faults = mergeFaults(local, serverFaults?.for === current ? serverFaults.map : undefined);
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
  // This tab's own saves (under way, or versions they made) answer for themselves; so does a reload.
  const { userId } = useLive();
  const own = useRef({ inFlight: 0, versions: new Set<number>() });
  async function mine<T extends { ok: boolean; data?: { version: number } } | null>(call: Promise<T>): Promise<T> {
    own.current.inFlight++;
    try {
      const res = await call;
      if (res?.ok && res.data) own.current.versions.add(res.data.version);
      return res;
    } finally {
      own.current.inFlight--;
    }
  }
  useLiveEvent((e) => {
    if (pending || own.current.inFlight > 0) return;
    if (e.type === 'resync' && !dirty) return refresh(null);
    if (e.type !== 'routes' || e.version <= data.version || own.current.versions.has(e.version)) return;
    const who =
      e.savedBy.kind === 'apiKey' ? `API key ${e.savedBy.name}` : e.savedBy.kind === 'user' && e.savedBy.id === userId ? 'You (in another tab)' : e.savedBy.name;
    if (dirty) setBanner({ kind: 'remote', message: `${who} saved version ${e.version} while you were editing.` });
    else refresh({ kind: 'saved', message: `${who} saved version ${e.version}; you are looking at it.` }, { kind: 'remote', message: `${who} saved version ${e.version} while you were editing.` });
  });

  const update = (fn: (d: DraftRoute[]) => DraftRoute[]) => {
    setDraft(fn);
    if (banner?.kind === 'saved') setBanner(null);
  };
  const expand = (keys: Iterable<string>) => setExpanded((s) => new Set([...s, ...keys]));

  function adopt(next: RouteEditorData) {
    setData(next);
    setDraft(next.routes.map(toDraft));
    setServerFaults(null);
    setExpanded(new Set());
  }

  /** Shared by save and restore: both answer with the new list or a refusal. */
  /** `restored` answers are about an old version's list, so their field faults cannot be pinned on this draft. */
  function settle(res: ActionResult<RouteEditorData> | null, done: string, restored = false): boolean {
    if (!res) {
      setBanner({ kind: 'error', message: UNREACHABLE });
      return false;
    }
    if (res.ok) {
      adopt(res.data);
      setBanner({ kind: 'saved', message: `${done} as version ${res.data.version}.` });
      return true;
    }
    const { code, message, fields } = res.error;
    if (code === 'CONFLICT' && fields?.version) {
      setBanner({ kind: 'conflict', message });
    } else if (code === 'BAD_REQUEST' && fields && restored) {
      setBanner({ kind: 'error', message: `${message} ${describeFields(fields)}` });
    } else if (code === 'BAD_REQUEST' && fields) {
      const map = faultsByRoute(draft, fields);
      setServerFaults({ map, for: current });
      expand([...map].filter(([, f]) => f.expression.size).map(([k]) => k));
      setBanner({ kind: 'error', message });
    } else {
      setBanner({ kind: 'error', message });
    }
    return false;
  }

  function save() {
    if (local.size) {
      expand([...local].filter(([, f]) => f.expression.size).map(([k]) => k));
      setBanner({ kind: 'error', message: `${local.size === 1 ? 'A route needs' : `${local.size} routes need`} fixing first; nothing was saved.` });
      return;
    }
    startTransition(async () => {
      settle(await mine(saveRoutesAction(inputs, data.version).catch(() => null)), 'Saved');
    });
  }

  // Read at the time an answer arrives, not when the request left.
  const now = useRef({ dirty, version: data.version });
  now.current = { dirty, version: data.version };

  /**
   * Live updates, unlike the Reload button, never pull the list from under the user: nothing
   * happens when the version is unchanged (a drag may be under way), and edits started while the
   * request was out get the "saved while you were editing" notice instead.
   */
  function refresh(after: Banner | null, ifEdited: Banner | null = null) {
    startTransition(async () => {
      const res = await reloadRoutesAction().catch(() => null);
      // Not newer than what is on screen (a save of ours may have landed meanwhile): nothing to do.
      if (!res?.ok || res.data.version <= now.current.version) return;
      if (now.current.dirty) {
        if (ifEdited) setBanner(ifEdited);
        return;
      }
      adopt(res.data);
      setBanner(after);
    });
  }

  function reload(after: Banner | null = null) {
    startTransition(async () => {
      const res = await reloadRoutesAction().catch(() => null);
      if (res?.ok) {
        adopt(res.data);
        setBanner(after);
      } else setBanner({ kind: 'error', message: res ? res.error.message : UNREACHABLE });
    });
  }

  const fallbackQueue = queues.find((q) => q.isDefault) ?? queues[0];
  return (
    <>
      <PageHeader title="Routes" description="New conversations go to the first enabled route whose conditions hold. Drag to change the order.">
        <SaveBar version={data.version} dirty={dirty} pending={pending} canManage={canManage} onSave={save} onDiscard={() => adopt(data)} />
      </PageHeader>
      <main className="grid items-start gap-6 px-8 py-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          <SaveBanner banner={banner} onReload={() => reload()} reloading={pending} />
          {!canManage && <p className="rounded-md bg-slate-100 px-4 py-2 text-sm text-slate-600">You can try changes and simulate them, but not save them.</p>}
          {draft.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
              No routes: every new conversation goes to the default queue.
            </p>
          ) : (
            <RouteList
              routes={draft}
              onReorder={(routes) => update(() => routes)}
              onChange={(key, patch) => update((d) => d.map((r) => (r.key === key ? { ...r, ...patch } : r)))}
              onDelete={(key) => update((d) => d.filter((r) => r.key !== key))}
              expanded={expanded}
              onToggle={(key) => setExpanded((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])))}
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
              onClick={() => {
                const route = newDraftRoute(fallbackQueue.id, draft.length + 1);
                update((d) => [...d, route]);
                expand([route.key]);
              }}
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
            versions={data.versions}
            current={data.version}
            now={data.now}
            canManage={canManage}
            dirty={dirty}
            onRestore={async (version) => settle(await mine(restoreVersionAction(version, data.version).catch(() => null)), `Restored version ${version}`, true)}
          />
        </aside>
      </main>
    </>
  );
}
