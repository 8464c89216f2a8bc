'use server';

import { db } from '../db';
import { requireActor } from '../auth/session';
import { getDashboard, type DashboardData } from '../domain/dashboard';
import { runAction, type ActionResult } from './result';

// The dashboard's refetch (interval and realtime invalidation). The page's own permission check
// does not cover this action, so it checks the session and role itself.

export async function getDashboardAction(): Promise<ActionResult<DashboardData>> {
  return runAction(async () => {
    const actor = await requireActor('dashboard.view');
    return getDashboard(db(), actor);
  });
}
