import type { Tx } from '../db';
import type { Actor } from '../access/actor';
import { assertCan } from '../access/actor';
import type { Availability } from '../generated/prisma/enums';

export type Lookups = {
  queues: { id: string; name: string }[];
  inboxes: { id: string; name: string }[];
  /** Every user, disabled ones too, so old timeline entries can still name them; pickers show the enabled ones. */
  agents: { id: string; name: string; availability: Availability; enabled: boolean }[];
  tags: { name: string }[];
};

/**
 * Names for the console's filter options and for turning ids into words (timeline). Any signed-in
 * user may read them: they are the same names the conversations they see already show.
 * Four queries whatever the sizes.
 */
export async function getLookups(db: Tx, actor: Actor): Promise<Lookups> {
  assertCan(actor, 'conversations.work');
  const [queues, inboxes, agents, tags] = await Promise.all([
    db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.inbox.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, availability: true, enabled: true } }),
    db.tag.findMany({ orderBy: { name: 'asc' }, select: { name: true } }),
  ]);
  return { queues, inboxes, agents, tags };
}
