import type { Availability } from '@/lib/generated/prisma/enums';
import type { QueuePolicyColumns } from '@/lib/validation/queue-policy';

/** A queue card's data as the server page hands it over: counts read at render time, ages already in words. */
export type QueueCardData = {
  id: string;
  name: string;
  isDefault: boolean;
  workingHoursId: string | null;
  /** The assignment settings as stored. */
  policy: QueuePolicyColumns;
  open: number;
  unassigned: number;
  oldestWaiting: string;
  routeCount: number;
  members: { id: string; name: string; availability: Availability }[];
};

export type Candidate = { id: string; name: string; role: 'ADMIN' | 'SUPERVISOR' | 'AGENT' };

export const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/** Working hours a queue can follow, for the card's select. */
export type WorkingHoursChoice = { id: string; name: string; timezone: string };
