'use client';

import { useEffect } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listConversationsAction } from '../actions/conversations';
import type { InboxList } from '../domain/conversations/inbox-list';
import type { ActionError, ActionResult } from '../actions/result';
import type { InboxFilters } from './inbox-filters';

export const conversationKeys = {
  all: ['conversations'] as const,
  list: (filters: InboxFilters) => ['conversations', filters] as const,
};

/**
 * The inbox list for these filters. The server-rendered page hands in its read as the starting
 * data, so the first paint needs no request; later changes (mutations, focus) refetch.
 */
export function useConversationList(filters: InboxFilters, initial: InboxList) {
  const queryClient = useQueryClient();
  const queryKey = conversationKeys.list(filters);
  const initialAt = Date.parse(initial.now);

  // initialData only seeds an empty cache entry; a later server render (coming back to the inbox)
  // is newer than what the cache kept, so it wins.
  useEffect(() => {
    const state = queryClient.getQueryState(queryKey);
    if (state && state.dataUpdatedAt < initialAt) queryClient.setQueryData(queryKey, initial, { updatedAt: initialAt });
  }, [initial]); // filters and initial always change together: both come from one server render

  return useQuery({
    queryKey,
    queryFn: async () => {
      const result = await listConversationsAction(filters);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    initialData: initial,
    initialDataUpdatedAt: initialAt,
    placeholderData: keepPreviousData,
  });
}

export const UNREACHABLE: ActionError = { code: 'INTERNAL', message: 'Could not reach the server. Check your connection and try again.' };

/**
 * Runs a conversation server action; on success every conversation list is marked stale, so the
 * inbox shows the change the next time it is looked at. `error` is the refusal to show beside the control.
 */
export function useConversationAction<Args extends unknown[], T>(action: (...args: Args) => Promise<ActionResult<T>>) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (args: Args) => action(...args),
    onSuccess: (result) => {
      if (result.ok) void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
    },
  });
  const error: ActionError | null = mutation.data && !mutation.data.ok ? mutation.data.error : mutation.isError ? UNREACHABLE : null;
  return {
    run: (...args: Args) => mutation.mutateAsync(args).catch(() => null),
    pending: mutation.isPending,
    error,
    /** The arguments of the last call, to tell which of several similar controls failed. */
    lastArgs: mutation.variables,
    reset: mutation.reset,
  };
}
