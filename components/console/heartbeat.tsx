'use client';

import { useEffect } from 'react';
import { heartbeatAction } from '@/lib/actions/presence';

const EVERY_MS = 20_000;

/** Tells the server this console is still open (SPEC §4 presence); renders nothing. */
export function Heartbeat() {
  useEffect(() => {
    void heartbeatAction();
    const timer = setInterval(() => void heartbeatAction(), EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return null;
}
