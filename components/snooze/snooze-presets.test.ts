import { describe, expect, it } from 'vitest';
import { fromLocalInput, SNOOZE_PRESETS, toLocalInput } from './snooze-presets';

const at = (id: string, now: Date) => SNOOZE_PRESETS.find((p) => p.id === id)!.at(now);

describe('snooze presets', () => {
  // Local dates: the presets follow the browser's clock, whatever zone the test runs in.
  const wednesday = new Date(2026, 11, 2, 18, 30);
  const sunday = new Date(2026, 11, 6, 10, 0);

  it('1 hour is an hour from now', () => {
    expect(at('hour', wednesday).getTime() - wednesday.getTime()).toBe(3_600_000);
  });

  it('tomorrow is the next day at 9:00', () => {
    expect(at('tomorrow', wednesday)).toEqual(new Date(2026, 11, 3, 9, 0));
  });

  it('next week is the coming Monday at 9:00, a whole week ahead from a Monday', () => {
    expect(at('nextWeek', wednesday)).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(at('nextWeek', sunday)).toEqual(new Date(2026, 11, 7, 9, 0));
    expect(at('nextWeek', new Date(2026, 11, 7, 8, 0))).toEqual(new Date(2026, 11, 14, 9, 0));
  });

  it('reads and writes datetime-local values in local time', () => {
    expect(fromLocalInput('2026-12-04T09:00')).toEqual(new Date(2026, 11, 4, 9, 0));
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(toLocalInput(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
  });
});
