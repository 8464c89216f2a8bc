import { describe, expect, it } from 'vitest';
import { NEW_QUEUE_POLICY, policyColumns, policyOpensWork } from './queue-policy';

describe('a queue policy change as columns', () => {
  it('writes what is given; null and left out leave a switch as it is', () => {
    expect(policyColumns({ autoAssignmentAlgorithm: 'LOAD_BALANCING', isAutoAssignmentEnabled: null }, NEW_QUEUE_POLICY)).toEqual({ algorithm: 'LOAD_BALANCING' });
    expect(policyColumns({}, NEW_QUEUE_POLICY)).toEqual({});
    expect(policyColumns({ isAutoAssignmentEnabled: false, isAutoAssignmentOutsideOfWorkingHoursEnabled: true }, NEW_QUEUE_POLICY)).toEqual({ autoAssign: false, assignOutsideHours: true });
  });

  it('gives a sticky queue 7 days when it has none, keeps given or stored days, clears them when not sticky', () => {
    expect(policyColumns({ isStickyAutoAssignmentEnabled: true }, NEW_QUEUE_POLICY)).toEqual({ sticky: true, stickyDays: 7 });
    expect(policyColumns({ isStickyAutoAssignmentEnabled: true, stickyAgentTimeoutDays: 3 }, NEW_QUEUE_POLICY)).toEqual({ sticky: true, stickyDays: 3 });
    const sticky = { ...NEW_QUEUE_POLICY, sticky: true, stickyDays: 20 };
    expect(policyColumns({ autoAssignmentAlgorithm: 'ROUND_ROBIN' }, sticky)).toEqual({ algorithm: 'ROUND_ROBIN' });
    expect(policyColumns({ stickyAgentTimeoutDays: null }, sticky)).toEqual({ stickyDays: 7 });
    expect(policyColumns({ isStickyAutoAssignmentEnabled: false, stickyAgentTimeoutDays: null }, sticky)).toEqual({ sticky: false, stickyDays: null });
    expect(policyColumns({ stickyAgentTimeoutDays: 12 }, NEW_QUEUE_POLICY)).toEqual({ stickyDays: 12 });
  });

  it('opens work when auto-assignment comes on, or while on the algorithm, hours or outside-hours change', () => {
    const on = { autoAssign: true, algorithm: 'ROUND_ROBIN' as const, assignOutsideHours: false, workingHoursId: null };
    expect(policyOpensWork(on, on)).toBe(false);
    expect(policyOpensWork({ ...on, autoAssign: false }, on)).toBe(true);
    expect(policyOpensWork(on, { ...on, algorithm: 'LOAD_BALANCING' })).toBe(true);
    expect(policyOpensWork(on, { ...on, workingHoursId: 'h' })).toBe(true);
    expect(policyOpensWork(on, { ...on, assignOutsideHours: true })).toBe(true);
    expect(policyOpensWork(on, { ...on, autoAssign: false, algorithm: 'LOAD_BALANCING' })).toBe(false);
  });
});
