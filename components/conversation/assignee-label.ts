import type { Availability } from '@/lib/generated/prisma/enums';
import { availabilityLabel } from '@/lib/format';

export type AssignableAgent = { id: string; name: string; availability: Availability; disconnected?: boolean; open?: number; capacity?: number | null };

/**
 * An option of the "Assigned Agent" dropdown: "Ana — Online · 3/5 open", and at or past capacity
 * "Ana — Online · 5/5 open (at capacity)". Manual assignment past capacity is allowed (SPEC §4);
 * the words are the warning. Without a capacity: "Ana — Online · 3 open".
 */
export function assigneeLabel(a: AssignableAgent): string {
  const head = `${a.name} — ${availabilityLabel(a.availability, a.disconnected ?? false)}`;
  if (a.open === undefined) return head;
  if (a.capacity == null) return `${head} · ${a.open} open`;
  const load = `${head} · ${a.open}/${a.capacity} open`;
  if (a.open > a.capacity) return `${load} (over capacity)`;
  return a.open === a.capacity ? `${load} (at capacity)` : load;
}
