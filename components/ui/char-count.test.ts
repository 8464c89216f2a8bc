import { describe, expect, it } from 'vitest';
import { limitMessage } from './char-count';
import { localFaults, newDraftRoute } from '../routing/draft';
import { ROUTE_NAME_MAX } from '@/lib/validation/routing';

// Issue 15: over-long input was cut silently by maxlength; now it is kept and refused with a reason.
describe('limits that refuse instead of cut', () => {
  it('says how many characters are too many, and nothing within the limit', () => {
    expect(limitMessage('x'.repeat(10), 10)).toBeNull();
    expect(limitMessage('x'.repeat(13), 10)).toBe('At most 10 characters (3 too many).');
  });

  it('a route name past the schema’s limit is a fault on the route, shown before saving', () => {
    const ok = { ...newDraftRoute('q1', 1), name: 'n'.repeat(ROUTE_NAME_MAX) };
    const long = { ...newDraftRoute('q1', 2), name: 'n'.repeat(ROUTE_NAME_MAX + 1) };
    const faults = localFaults([ok, long]);
    expect(faults.get(ok.key)?.name).toBeUndefined();
    expect(faults.get(long.key)?.name).toBe(`At most ${ROUTE_NAME_MAX} characters (1 too many).`);
  });
});
