'use client';

import { createContext, useContext } from 'react';

/**
 * Names the condition builder shows for ids a route stores (an inbox's id in
 * `conversation.inboxId`), handed down once from the editor instead of through every row.
 */
export type RouteLookups = { inboxes: readonly { id: string; name: string }[] };

const Lookups = createContext<RouteLookups>({ inboxes: [] });

export const RouteLookupsProvider = Lookups.Provider;

export function useRouteLookups(): RouteLookups {
  return useContext(Lookups);
}
