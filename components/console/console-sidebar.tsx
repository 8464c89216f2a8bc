'use client';

import { useEffect, useRef, useState } from 'react';
import { usePathname } from 'next/navigation';

const MENU_ID = 'console-menu';

/**
 * The console's frame: a fixed sidebar from 768 px up; below that a top bar with the brand, the
 * availability switch (always visible, SPEC §6) and a button that opens the rest as a menu.
 *
 * One element of each kind at every width (the switch, the nav, the user): a second copy for the
 * other width would give the page two "Availability" fields. So the menu panel is `display:
 * contents` on a desktop and its parts take their sidebar places by `order`.
 */
export function ConsoleSidebar({
  brand,
  nav,
  user,
  availability,
  account,
}: {
  brand: React.ReactNode;
  nav: React.ReactNode;
  user: React.ReactNode;
  availability: React.ReactNode;
  account: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const aside = useRef<HTMLElement>(null);
  const pathname = usePathname();

  // A link followed from the menu lands on a page with the menu shut.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    // Into the menu at its first link, so a keyboard user goes on from where the menu opened.
    panel.current?.querySelector<HTMLElement>('a[href], button, select')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    // A tap outside the bar and its menu shuts it, as a menu does.
    const onPointer = (e: PointerEvent) => {
      if (!aside.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <aside
      ref={aside}
      className="sticky top-0 flex flex-wrap items-center gap-x-2 bg-slate-900 px-3 py-2 text-white [--focus-ring:#8fb3ff] max-md:z-30 md:h-screen md:w-60 md:shrink-0 md:flex-col md:flex-nowrap md:items-stretch md:gap-0 md:py-4"
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpen((o) => !o)}
        className="-ml-1 inline-flex h-10 w-10 items-center justify-center rounded-md text-slate-200 hover:bg-white/10 hover:text-white md:hidden"
      >
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <path d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
        </svg>
        <span className="sr-only">Menu</span>
      </button>
      <div className="min-w-0 flex-1 md:mb-6 md:flex-none md:px-2">{brand}</div>
      <div className="shrink-0 md:order-3 md:mt-3 md:px-2">{availability}</div>
      {/* A link followed from the menu shuts it, the current page's own link too (the path does not change). */}
      <div id={MENU_ID} ref={panel} onClick={(e) => (e.target as Element).closest('a') && setOpen(false)} className={`pt-1 pb-4 max-md:absolute max-md:inset-x-0 max-md:top-full max-md:max-h-[calc(100dvh-3.5rem)] max-md:overflow-y-auto max-md:bg-slate-900 max-md:px-3 max-md:shadow-xl md:contents ${open ? '' : 'max-md:hidden'}`}>
        <div className="md:order-1">{nav}</div>
        <div className="mt-4 border-t border-white/10 px-2 pt-4 md:order-2 md:mt-auto">{user}</div>
        <div className="mt-3 space-y-3 px-2 md:order-4">{account}</div>
      </div>
    </aside>
  );
}
