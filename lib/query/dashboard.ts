'use client';

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getDashboardAction } from '../actions/dashboard';
import type { DashboardData } from '../domain/dashboard';

export const dashboardKeys = {
  /** The dashboard's figures; the realtime layer invalidates it on every conversation, agent, queue or user event. */
  all: ['dashboard'] as const,
};

/**
 * The supervisor dashboard's figures, starting from the server render. Refetched every minute so
 * ages and the hourly window move on even when nothing happens.
 */
export function useDashboard(initial: DashboardData) {
  const queryClient = useQueryClient();
  const initialAt = Date.parse(initial.now);

  // initialData only seeds an empty cache entry; coming back to the page brings a newer server
  // render than what the cache kept, so it wins.
  useEffect(() => {
    const state = queryClient.getQueryState(dashboardKeys.all);
    if (state && state.dataUpdatedAt < initialAt) queryClient.setQueryData(dashboardKeys.all, initial, { updatedAt: initialAt });
  }, [initial, initialAt, queryClient]);

  return useQuery({
    queryKey: dashboardKeys.all,
    queryFn: async () => {
      const result = await getDashboardAction();
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    initialData: initial,
    initialDataUpdatedAt: initialAt,
    refetchInterval: 60_000,
  });
}
