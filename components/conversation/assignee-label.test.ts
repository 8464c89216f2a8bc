import { describe, expect, it } from 'vitest';
import { assigneeLabel } from './assignee-label';

describe('the Assigned Agent option label', () => {
  const ana = { id: 'a', name: 'Ana', availability: 'ONLINE' as const };
  it('warns at and past capacity', () => {
    expect(assigneeLabel({ ...ana, open: 5, capacity: 5 })).toBe('Ana — Online · 5/5 open (at capacity)');
    expect(assigneeLabel({ ...ana, open: 6, capacity: 5 })).toBe('Ana — Online · 6/5 open (over capacity)');
  });
  it('shows the load below capacity and without one', () => {
    expect(assigneeLabel({ ...ana, open: 2, capacity: 5 })).toBe('Ana — Online · 2/5 open');
    expect(assigneeLabel({ ...ana, availability: 'BUSY', open: 0, capacity: null })).toBe('Ana — Busy · 0 open');
  });
  it('is just name and availability when the load is not known (an assignee no longer eligible)', () => {
    expect(assigneeLabel(ana)).toBe('Ana — Online');
  });
});
