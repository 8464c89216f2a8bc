'use client';

import { useEffect } from 'react';
import { heartbeatAction } from '@/lib/actions/presence';

/**
 * Tells the server this console is still open (SPEC §4 presence); renders nothing. `everyMs` comes
 * from the server (lib/domain/presence-config.ts), a fraction of the grace period after which a
 * silent console shows as away.
 */
export function Heartbeat({ everyMs }: { everyMs: number }) {
  useEffect(() => {
    void heartbeatAction();
    const timer = setInterval(() => void heartbeatAction(), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return null;
}
