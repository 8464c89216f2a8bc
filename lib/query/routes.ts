'use client';

import { useEffect } from 'react';
import { useIsFetching, useIsMutating, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { reloadRoutesAction, restoreVersionAction, saveRoutesAction, simulateAction, whatIfAction } from '../actions/routing';
import type { routeInputSchema, sampleSchema } from '../validation/routing';
import type { RouteEditorData, SimulationResult, WhatIfResult } from '../domain/routing/editor';
import type { ActionError, ActionResult } from '../actions/result';
import { UNREACHABLE } from './conversations';

// The routes editor's server state. This is the only browser file that calls the routing server
// actions, so a change of their signatures is adapted here and nowhere else.

// The editor's components take these shapes from here, not from the actions file, for the same reason.
export type RouteDraftInput = z.input<typeof routeInputSchema>;
export type SampleInput = z.input<typeof sampleSchema>;

export const routeKeys = {
  all: ['routes'] as const,
  /** The saved list with its history, as the editor shows it. */
  saved: () => ['routes', 'saved'] as const,
  /** Save, restore and reload: this tab's own changes of what is saved (or of what it knows is saved). */
  changes: ['routes', 'change'] as const,
  change: (kind: 'save' | 'restore' | 'reload') => ['routes', 'change', kind] as const,
  /** Simulate and what-if: they read, never change. */
  probe: (kind: 'simulate' | 'what-if') => ['routes', 'probe', kind] as const,
};

/** A refusal is an answer; `null` means the server was not reached. */
type Answer<T> = ActionResult<T> | null;


async function readSaved(): Promise<RouteEditorData> {
  const res = await reloadRoutesAction();
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

/**
 * The saved list, starting from the server render (or from what this tab saved since, when the
 * page came from the router's cache). It never refetches by itself, not even when the live layer
 * invalidates every query on a resync: replacing the list on screen depends on the editor's draft,
 * so the editor asks (`readSavedRoutes`) and its reducer decides.
 */
export function useSavedRoutes(initial: RouteEditorData): RouteEditorData {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: routeKeys.saved(),
    queryFn: readSaved,
    initialData: initial,
    enabled: false,
  });
  // initialData only seeds an empty entry; a later server render that is newer than the cache wins.
  useEffect(() => {
    const cached = queryClient.getQueryData<RouteEditorData>(routeKeys.saved());
    if (cached !== initial && initial.version >= (cached?.version ?? -1)) queryClient.setQueryData(routeKeys.saved(), initial);
  }, [initial, queryClient]);
  return data.version > initial.version ? data : initial;
}

/** The newest version this tab knows to be saved, read now (not at the last render). */
export function knownSavedVersion(queryClient: QueryClient): number {
  return queryClient.getQueryData<RouteEditorData>(routeKeys.saved())?.version ?? 0;
}

/** Whether a save, restore or reload of this tab is under way, read now. */
export function ownChangeUnderWay(queryClient: QueryClient): boolean {
  return queryClient.isMutating({ mutationKey: routeKeys.changes }) > 0;
}

/**
 * Reads the saved list again for a live update. A read already under way is shared, and may have
 * left before the save that was announced: then it is read once more. `null` when unreachable.
 */
export async function readSavedRoutes(queryClient: QueryClient, atLeastVersion = 0): Promise<RouteEditorData | null> {
  const read = () => queryClient.fetchQuery({ queryKey: routeKeys.saved(), queryFn: readSaved, staleTime: 0 }).catch(() => null);
  const first = await read();
  return first && first.version < atLeastVersion ? ((await read()) ?? first) : first;
}

/** Busy reading or changing the saved list (the save bar's buttons wait). */
export function useRoutesBusy(): boolean {
  return useIsMutating({ mutationKey: routeKeys.changes }) + useIsFetching({ queryKey: routeKeys.saved() }) > 0;
}

/**
 * Save, restore and reload. Each answers with the saved list (which becomes the query's data at
 * once, before the editor renders again, so live events about it are known to be this tab's) or
 * with a refusal, or null when the server was not reached.
 */
export function useRouteListChanges() {
  const queryClient = useQueryClient();
  const keep = (res: Answer<RouteEditorData>) => {
    if (res?.ok) queryClient.setQueryData(routeKeys.saved(), res.data);
  };
  const save = useMutation({
    mutationKey: routeKeys.change('save'),
    mutationFn: ({ routes, baseVersion }: { routes: RouteDraftInput[]; baseVersion: number }) => saveRoutesAction({ routes, baseVersion }).catch(() => null),
    onSuccess: keep,
  });
  const restore = useMutation({
    mutationKey: routeKeys.change('restore'),
    mutationFn: ({ version, baseVersion }: { version: number; baseVersion: number }) => restoreVersionAction({ version, baseVersion }).catch(() => null),
    onSuccess: keep,
  });
  const reload = useMutation({
    mutationKey: routeKeys.change('reload'),
    mutationFn: () => reloadRoutesAction().catch(() => null),
    onSuccess: keep,
  });
  return { save: save.mutateAsync, restore: restore.mutateAsync, reload: () => reload.mutateAsync() };
}

/** A request that changes nothing: the last call's refusal (or unreachable) is its `error`. */
function useProbe<V, T>(kind: 'simulate' | 'what-if', call: (v: V) => Promise<ActionResult<T>>) {
  const mutation = useMutation({ mutationKey: routeKeys.probe(kind), mutationFn: (v: V) => call(v).catch(() => null) });
  const error: ActionError | null = mutation.data === null ? UNREACHABLE : mutation.data && !mutation.data.ok ? mutation.data.error : null;
  return { run: (v: V): Promise<Answer<T>> => mutation.mutateAsync(v), pending: mutation.isPending, error };
}

/** A typed sample through the draft (unsaved order included). */
export const useSimulation = () =>
  useProbe<{ sample: SampleInput; draft: RouteDraftInput[] }, SimulationResult>('simulate', ({ sample, draft }) => simulateAction({ sample, routes: draft }));

/** The last conversations through the draft and through the saved list. */
export const useWhatIf = () => useProbe<RouteDraftInput[], WhatIfResult>('what-if', (draft) => whatIfAction({ routes: draft }));
