import { z } from 'zod';

// A queue's assignment policy (SPEC §4) in the reference's words (UpdateQueueApiRequest). One
// source for the limits, the enum and the words the API docs and the console show.

export const AUTO_ASSIGNMENT_ALGORITHMS = ['ROUND_ROBIN', 'LOAD_BALANCING', 'PERFORMANCE_BASED'] as const;
export type AutoAssignmentAlgorithm = (typeof AUTO_ASSIGNMENT_ALGORITHMS)[number];

/** Per algorithm: the console's name and one-line explanation (`short`), and the API docs' exact rule (`line`). */
export const ALGORITHM_EXPLANATION: Record<AutoAssignmentAlgorithm, { label: string; short: string; line: string }> = {
  ROUND_ROBIN: {
    label: 'Round robin',
    short: 'Each online agent in turn, so everyone gets the same number of conversations.',
    line: 'Each eligible ONLINE agent in turn (all eligible agents when none is ONLINE), so counts differ by at most one.',
  },
  LOAD_BALANCING: {
    label: 'Load balancing',
    short: 'The online agent with the fewest open conversations; ties go to whoever waited longest for one.',
    line: 'The eligible ONLINE agent (all eligible when none is ONLINE) with the fewest open conversations, ties by longest since their last assignment in the inbox’s rotation.',
  },
  PERFORMANCE_BASED: {
    label: 'Performance based',
    short: 'The online agent who resolved the most of their conversations over the last 7 days (resolved against still open); ties by fewest open.',
    line: 'The eligible ONLINE agent (all eligible when none is ONLINE) with the best resolution rate over the last 7 days, (resolved + 1) / (resolved + open + 2), where resolved = their conversations SOLVED or CLOSED in the last 7 days and open = their OPEN + WAITING now; ties by fewest open, then rotation.',
  },
};

/** Used when sticky assignment is on and no timeout was given (or null was sent). */
export const DEFAULT_STICKY_DAYS = 7;
export const STICKY_DAYS_MIN = 1;
export const STICKY_DAYS_MAX = 365;

const bool = z.boolean({ message: 'Expected true or false.' });
const LEFT_OUT = 'Left out or null on a change: unchanged.';

export const algorithmSchema = z.enum(AUTO_ASSIGNMENT_ALGORITHMS, { message: `Expected one of ${AUTO_ASSIGNMENT_ALGORITHMS.join(', ')}.` });

const algorithmDescription = [
  'How auto-assignment picks the agent among the eligible ones (collaborators of the conversation’s inbox who are members of this queue and below their capacity; BUSY and away agents take nothing new).',
  ...AUTO_ASSIGNMENT_ALGORITHMS.map((a) => `${a}: ${ALGORITHM_EXPLANATION[a].line}`),
  'Default ROUND_ROBIN (the reference defaults to LOAD_BALANCING; Switchboard keeps the round robin it has always used).',
  LEFT_OUT,
].join(' ');

/** The policy fields of a queue's create and change bodies; each may be left out. */
export const queuePolicyFields = {
  isAutoAssignmentEnabled: bool.nullish().meta({
    description: `Whether new and waiting conversations of this queue are assigned automatically (when their inbox’s auto-assignment is on too). Default true: Switchboard assigns round robin out of the box, where the reference defaults to false. ${LEFT_OUT}`,
  }),
  autoAssignmentAlgorithm: algorithmSchema.nullish().meta({ description: algorithmDescription }),
  isAutoAssignmentOutsideOfWorkingHoursEnabled: bool.nullish().meta({
    description: `Assign even while the queue’s working hours are closed. Default false: outside them new conversations wait unassigned in the queue and are handed out when the hours open. ${LEFT_OUT}`,
  }),
  isStickyAutoAssignmentEnabled: bool.nullish().meta({
    description: `A returning customer goes to the agent who handled their earlier conversation within stickyAgentTimeoutDays, when that agent is eligible, ONLINE and below capacity; otherwise the algorithm decides. Default false. ${LEFT_OUT}`,
  }),
  stickyAgentTimeoutDays: z
    .number({ message: 'Expected a whole number of days.' })
    .int('Expected a whole number of days.')
    .min(STICKY_DAYS_MIN, `At least ${STICKY_DAYS_MIN} day.`)
    .max(STICKY_DAYS_MAX, `At most ${STICKY_DAYS_MAX} days.`)
    .nullish()
    .meta({
      description: `How many days back (${STICKY_DAYS_MIN}–${STICKY_DAYS_MAX}) sticky assignment looks for the customer’s earlier conversation. Left out: unchanged; null: the default, ${DEFAULT_STICKY_DAYS} (also what turning sticky assignment on without a value uses).`,
    }),
};

/** What a queue answers with (QueueApiModel's policy fields): always present, the effective values. */
export const apiQueuePolicyFields = {
  isAutoAssignmentEnabled: z.boolean().meta({ description: 'Whether the queue’s conversations are assigned automatically (when their inbox’s auto-assignment is on too). Default true (the reference’s default is false).' }),
  autoAssignmentAlgorithm: z.enum(AUTO_ASSIGNMENT_ALGORITHMS).meta({ description: algorithmDescription.replace(` ${LEFT_OUT}`, '') }),
  isAutoAssignmentOutsideOfWorkingHoursEnabled: z.boolean().meta({ description: 'Assign even while the queue’s working hours are closed (default false: they wait).' }),
  isStickyAutoAssignmentEnabled: z.boolean().meta({ description: 'A returning customer goes back to their earlier agent when that agent can take them.' }),
  stickyAgentTimeoutDays: z
    .number()
    .int()
    .min(STICKY_DAYS_MIN)
    .max(STICKY_DAYS_MAX)
    .meta({ description: `How many days back sticky assignment looks (${DEFAULT_STICKY_DAYS} unless set); present whether or not sticky assignment is on.` }),
};

/** The stored policy columns of a queue (prisma Queue). */
export type QueuePolicyColumns = { autoAssign: boolean; algorithm: AutoAssignmentAlgorithm; assignOutsideHours: boolean; sticky: boolean; stickyDays: number | null };
