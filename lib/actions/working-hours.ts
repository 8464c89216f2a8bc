'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { createWorkingHoursOp, deleteWorkingHoursOp, updateWorkingHoursOp } from '../operations/working-hours';

// The queue cards pick working hours by name, so both pages go stale.
const PAGES = ['/working-hours', '/queues'];
const brief = (w: { id: string; name: string }) => ({ id: w.id, name: w.name });

export async function createWorkingHoursAction(input: InputOf<typeof createWorkingHoursOp>) {
  return act(createWorkingHoursOp, input, { revalidate: PAGES, shape: brief });
}

/** The form sends the whole resource (PUT): holidays it no longer lists are removed. */
export async function updateWorkingHoursAction(input: InputOf<typeof updateWorkingHoursOp>) {
  return act(updateWorkingHoursOp, input, { revalidate: PAGES, shape: brief });
}

/** Refused, naming them, while queues follow these working hours. */
export async function deleteWorkingHoursAction(input: InputOf<typeof deleteWorkingHoursOp>) {
  return act(deleteWorkingHoursOp, input, { revalidate: PAGES });
}
