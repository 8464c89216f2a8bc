import type { z } from 'zod';
import type { createQueueSchema } from '../validation/routing';
import { DEFAULT_STICKY_DAYS, type QueuePolicyColumns } from '../validation/queue-policy';

// A queue's assignment policy between the API's words and the Queue columns (SPEC §4). What the
// policy does is the assignment statements' (lib/domain/assignment); this only stores it.

type PolicyInput = Pick<
  z.output<typeof createQueueSchema>,
  'isAutoAssignmentEnabled' | 'autoAssignmentAlgorithm' | 'isAutoAssignmentOutsideOfWorkingHoursEnabled' | 'isStickyAutoAssignmentEnabled' | 'stickyAgentTimeoutDays'
>;

/** The policy as it stands before a change; a new queue starts from the columns' defaults. */
export const NEW_QUEUE_POLICY: QueuePolicyColumns = { autoAssign: true, algorithm: 'ROUND_ROBIN', assignOutsideHours: false, sticky: false, stickyDays: null };

/**
 * The columns a create or change writes. Switches left out or null stay as they are; a sticky
 * queue always stores its timeout (7 days when none was given, or null was sent), so the
 * assignment statement never has to guess; a queue that is not sticky may keep none.
 */
export function policyColumns(data: PolicyInput, current: QueuePolicyColumns): Partial<QueuePolicyColumns> {
  const out: Partial<QueuePolicyColumns> = {};
  if (data.isAutoAssignmentEnabled != null) out.autoAssign = data.isAutoAssignmentEnabled;
  if (data.autoAssignmentAlgorithm != null) out.algorithm = data.autoAssignmentAlgorithm;
  if (data.isAutoAssignmentOutsideOfWorkingHoursEnabled != null) out.assignOutsideHours = data.isAutoAssignmentOutsideOfWorkingHoursEnabled;
  if (data.isStickyAutoAssignmentEnabled != null) out.sticky = data.isStickyAutoAssignmentEnabled;
  if (data.stickyAgentTimeoutDays !== undefined) out.stickyDays = data.stickyAgentTimeoutDays;
  const sticky = out.sticky ?? current.sticky;
  const days = out.stickyDays !== undefined ? out.stickyDays : current.stickyDays;
  if (sticky && days == null) out.stickyDays = DEFAULT_STICKY_DAYS;
  return out;
}

type Drainable = Pick<QueuePolicyColumns, 'autoAssign' | 'algorithm' | 'assignOutsideHours'> & { workingHoursId: string | null };

/**
 * Whether a change may let waiting conversations of the queue be handed out now: auto-assignment
 * turned on, or (while it is on) another algorithm, other hours, or assigning outside hours.
 */
export function policyOpensWork(before: Drainable, after: Drainable): boolean {
  if (!after.autoAssign) return false;
  return !before.autoAssign || before.algorithm !== after.algorithm || before.workingHoursId !== after.workingHoursId || before.assignOutsideHours !== after.assignOutsideHours;
}
