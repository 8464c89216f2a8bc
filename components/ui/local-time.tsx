'use client';

import { useViewerTimeZone } from '@/components/dashboard/format';

/** "Thu 4 Dec, 09:00" in the viewer's zone (UTC while the server renders and the page hydrates, so both agree). */
export function localDateTime(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

export function LocalTime({ date, className }: { date: string; className?: string }) {
  const timeZone = useViewerTimeZone();
  return (
    <time dateTime={date} title={new Date(date).toUTCString()} className={className}>
      {localDateTime(date, timeZone)}
      {timeZone ? ' UTC' : ''}
    </time>
  );
}
