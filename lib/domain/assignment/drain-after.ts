import type { Db } from '../../db';
import { drainWaiting, type DrainScope } from './drain';

/**
 * The backlog drain after a committed change that lets someone take work (a queue's policy, an
 * agent's capacity, a new member or collaborator, an inbox's switch). Awaited, so the caller's
 * answer already reflects the hand-out; a failure is logged and never fails the change, which has
 * committed (the next trigger drains again).
 */
export async function drainAfterChange(db: Db, scope: DrainScope): Promise<void> {
  try {
    await drainWaiting(db, scope);
  } catch (e) {
    console.error('backlog drain failed after a committed change', scope, e);
  }
}
