'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { UnreadPill } from '@/components/realtime/unread';

type Item = { href: string; label: string; icon: 'inbox' | 'dashboard' | 'queues' | 'routes' | 'inboxes' | 'people' | 'hours' | 'audit' | 'replies' | 'webhooks' };

const ICONS: Record<Item['icon'], string> = {
  inbox: 'M3 13h4l2 3h6l2-3h4M5 5h14l2 8v6H3v-6l2-8z',
  dashboard: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  queues: 'M4 6h16M4 12h16M4 18h10',
  routes: 'M6 3v12M18 9a3 3 0 100-6 3 3 0 000 6zM6 21a3 3 0 100-6 3 3 0 000 6zM18 9a9 9 0 01-9 9',
  inboxes: 'M4 7h16M4 7l2-3h12l2 3M4 7v12h16V7M9 11h6',
  people: 'M16 19v-1a4 4 0 00-4-4H7a4 4 0 00-4 4v1M9.5 10a3 3 0 100-6 3 3 0 000 6zM21 19v-1a4 4 0 00-3-3.87M16 4.13a3 3 0 010 5.75',
  hours: 'M12 21a9 9 0 100-18 9 9 0 000 18zM12 7v5l3 2',
  replies: 'M21 12a8 8 0 01-11.6 7.1L4 20l1-4.4A8 8 0 1121 12zM8 10h8M8 14h5',
  audit: 'M9 5h6M9 3h6a1 1 0 011 1v1h2a1 1 0 011 1v14a1 1 0 01-1 1H6a1 1 0 01-1-1V6a1 1 0 011-1h2V4a1 1 0 011-1zM9 12h6M9 16h4',
  webhooks: 'M10 14a4 4 0 115.66-5.66M14 10a4 4 0 11-5.66 5.66M8 8l-4-4M16 16l4 4',
};

export function Nav({ items }: { items: Item[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(item.href + '/');
        return (
          <div key={item.href} className="relative">
            <Link
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                active ? 'bg-white/10 text-white' : 'text-slate-300 hover:bg-white/5 hover:text-white'
              }`}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                <path d={ICONS[item.icon]} />
              </svg>
              {item.label}
            </Link>
            {/* Beside the link, not in it: the link's name stays "Inbox"; the title carries the count for screen readers. */}
            {item.icon === 'inbox' && <UnreadPill />}
          </div>
        );
      })}
    </nav>
  );
}
