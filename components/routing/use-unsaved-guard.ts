'use client';

import { useEffect } from 'react';

const QUESTION = 'You have unsaved changes to the routes. Leave without saving?';

/**
 * Warns before unsaved changes are lost: on closing or reloading the tab (the browser's own
 * dialog) and on following a link inside the console, which the App Router handles without
 * any unload event.
 */
export function useUnsavedGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || e.defaultPrevented) return;
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (new URL(link.href).origin !== location.origin) return;
      // Capture phase on the document runs before next/link's handler, which skips prevented clicks.
      if (!window.confirm(QUESTION)) e.preventDefault();
    };
    window.addEventListener('beforeunload', onUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
