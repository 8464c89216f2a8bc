'use client';

import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { unreadCountAction } from '@/lib/actions/unread';

export const unreadKey = ['unread'] as const;

export function useUnreadCount(): number {
  const { data } = useQuery({
    queryKey: unreadKey,
    queryFn: async () => {
      const r = await unreadCountAction();
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    staleTime: 0,
  });
  return data ?? 0;
}

const BADGE = /^\(\d+\+?\) /;

/**
 * "(3) Inbox · Switchboard": the count of unread assigned conversations in the tab title. Next
 * rewrites the title on navigation, so the badge is put back whenever the title element changes.
 */
export function TitleBadge() {
  const count = useUnreadCount();
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(BADGE, '');
      const want = count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
      if (document.title !== want) document.title = want;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [count]);
  return null;
}
