'use client';

import { useEffect } from 'react';
import { useUnreadCount } from '@/lib/query/unread';

/**
 * The count beside "Inbox" in the navigation. Hidden from screen readers, which hear it in the
 * document title; `data-count` appears once the count is known.
 */
export function UnreadPill() {
  const count = useUnreadCount();
  if (count === undefined) return null;
  if (count === 0) return <span data-testid="unread-count" data-count={0} hidden />;
  return (
    <span
      data-testid="unread-count"
      data-count={count}
      aria-hidden="true"
      className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 rounded-full bg-brand-500 px-2 py-0.5 text-xs font-semibold text-white"
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}

const BADGE = /^\(\d+\+?\) /;

/**
 * "(3) Inbox · Switchboard": the count of unread assigned conversations in the tab title. Next
 * rewrites the title on navigation, so the badge is put back whenever the title element changes.
 */
export function TitleBadge() {
  const count = useUnreadCount() ?? 0;
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
