'use server';

import { act } from '../operations/action';
import { dashboardOp } from '../operations/console';

// The dashboard's refetch (interval and realtime invalidation).
export async function getDashboardAction() {
  return act(dashboardOp, {});
}
