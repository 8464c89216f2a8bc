import type { Db } from '../../db';

/**
 * Which waiting conversations a drain looks at: those of these inboxes, of these queues, or those
 * this agent is eligible for (their inboxes). Any combination; an empty scope drains nothing.
 */
export type DrainScope = { inboxIds?: string[]; queueIds?: string[]; agentId?: string };

/**
 * Backlog drain (SPEC §4): hands out waiting conversations as soon as someone can take them.
 * Called after the commit of whatever freed capacity or made an agent available. Returns how many
 * were assigned. (Implementation lands in the next commit.)
 */
export async function drainWaiting(_db: Db, _scope: DrainScope): Promise<number> {
  return 0;
}
