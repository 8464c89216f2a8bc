import { useSyncExternalStore } from 'react';

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": durations a supervisor reads at a glance. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const noop = () => () => {};

/**
 * The time zone to show clock times in: UTC while the server renders and the page hydrates (the
 * server cannot know the viewer's zone, and both renders must agree), the browser's own after.
 */
export function useViewerTimeZone(): string | undefined {
  const hydrated = useSyncExternalStore(noop, () => true, () => false);
  return hydrated ? undefined : 'UTC';
}

export function clockTime(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
