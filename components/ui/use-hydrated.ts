import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/**
 * False in the server render and until React has hydrated the page. A control that acts on change
 * stays disabled until then: a choice made earlier would change the DOM without reaching its handler.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
