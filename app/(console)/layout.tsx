import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/session';
import { can, ROLE_LABEL } from '@/lib/access/roles';
import { NAV_ITEMS } from '@/components/console/nav-items';
import { Nav } from '@/components/console/nav';
import { SignOutButton } from '@/components/console/sign-out-button';
import { AvailabilityDot } from '@/components/ui/badges';
import { Providers } from '@/components/providers';
import { Heartbeat } from '@/components/console/heartbeat';
import { HEARTBEAT_EVERY_MS } from '@/lib/domain/presence-config';
import { markPresent } from '@/lib/domain/presence';
import { db } from '@/lib/db';
import { AvailabilitySwitch } from '@/components/console/availability-switch';
import { ConsoleSidebar } from '@/components/console/console-sidebar';
import { LiveProvider } from '@/components/realtime/live-provider';
import { LiveStatusPill } from '@/components/realtime/live-status';
import { TitleBadge } from '@/components/realtime/unread';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor('AGENT');
  // Opening a page proves presence: back from away — disconnected before the page renders, so it
  // never shows a stale "Away — disconnected" that the first heartbeat would refresh away at once.
  const disconnected = actor.disconnected && !(await markPresent(db(), actor.id));
  const items = NAV_ITEMS.filter((i) => can(actor.role, i.permission)).map(({ href, label, icon }) => ({ href, label, icon }));
  return (
    <Providers>
      <LiveProvider userId={actor.id}>
        <div className="min-h-screen md:flex">
          <ConsoleSidebar
            brand={
              <div className="flex items-center gap-2">
                <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
                  <rect width="32" height="32" rx="8" fill="#2f6fed" />
                  <path d="M9 11h14M9 16h9M9 21h12" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
                </svg>
                <span className="text-base font-semibold tracking-tight">Switchboard</span>
              </div>
            }
            nav={<Nav items={items} />}
            user={
              <div data-testid="current-user">
                <p className="flex items-center gap-2 text-sm font-medium">
                  <AvailabilityDot availability={actor.availability} disconnected={disconnected} />
                  {actor.name}
                </p>
                <p className="text-xs break-words text-slate-400">
                  {ROLE_LABEL[actor.role]} · {actor.email}
                </p>
              </div>
            }
            availability={<AvailabilitySwitch key={actor.availability} availability={actor.availability} disconnected={disconnected} />}
            account={
              <>
                <LiveStatusPill />
                <Link href="/profile" className="block rounded-md px-3 py-1 text-sm text-slate-300 hover:bg-white/10 hover:text-white">
                  Your profile and password
                </Link>
                <SignOutButton />
                <Heartbeat everyMs={HEARTBEAT_EVERY_MS} />
              </>
            }
          />
          <div className="min-w-0 flex-1">{children}</div>
        </div>
        <TitleBadge />
      </LiveProvider>
    </Providers>
  );
}
