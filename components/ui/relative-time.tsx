const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    // Whole units passed, as people count them: 59 minutes stays "59 minutes", not "60 minutes".
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(Math.trunc(seconds / 60) || (seconds < 0 ? -1 : 1), 'minute');
}

/**
 * A relative time with the exact UTC moment on hover. `now` comes from the server's render so
 * the browser shows the same words when it hydrates.
 */
export function RelativeTime({ date, now, className }: { date: Date | string; now: Date | string; className?: string }) {
  const d = new Date(date);
  return (
    <time dateTime={d.toISOString()} title={d.toUTCString()} className={className}>
      {relativeTime(d, new Date(now))}
    </time>
  );
}
