// The snooze menu's presets, in the browser's own clock (the agent's day, not the server's).

export type SnoozePreset = { id: 'hour' | 'tomorrow' | 'nextWeek'; label: string; at: (now: Date) => Date };

const atNine = (d: Date) => {
  const x = new Date(d);
  x.setHours(9, 0, 0, 0);
  return x;
};

export const SNOOZE_PRESETS: SnoozePreset[] = [
  { id: 'hour', label: '1 hour', at: (now) => new Date(now.getTime() + 3_600_000) },
  {
    id: 'tomorrow',
    label: 'Tomorrow 9:00',
    at: (now) => {
      const d = atNine(now);
      d.setDate(d.getDate() + 1);
      return d;
    },
  },
  {
    // Monday 9:00 of next week (from a Sunday, the next day).
    id: 'nextWeek',
    label: 'Next week',
    at: (now) => {
      const d = atNine(now);
      d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
      return d;
    },
  },
];

/** A datetime-local value ("2026-12-04T09:00") read as the browser's local time; null when empty or not a time. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The value a datetime-local input shows for `d` in the browser's local time, to the minute. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
