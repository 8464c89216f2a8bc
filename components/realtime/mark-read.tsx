'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { markReadAction } from '@/lib/actions/unread';
import { useLiveEvent } from './live-provider';
import { unreadKeys } from '@/lib/query/unread';
import { conversationKeys } from '@/lib/query/conversations';

/** The open conversation counts as read: on opening, and when a message or assignment arrives while it is on screen. */
export function MarkRead({ conversationId }: { conversationId: string }) {
  const queryClient = useQueryClient();
  const mark = () => {
    if (document.visibilityState !== 'visible') return;
    void markReadAction({ conversationId }).then((r) => {
      if (!r.ok) return;
      void queryClient.invalidateQueries({ queryKey: unreadKeys.all });
      // The inbox marks unread rows.
      void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
    });
  };
  useEffect(() => {
    mark();
    const onVisible = () => mark();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId]);
  useLiveEvent((e) => {
    if (e.type === 'conversation' && e.id === conversationId && (e.changes.includes('message') || e.changes.includes('assignee'))) mark();
  });
  return null;
}
