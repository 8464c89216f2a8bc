import type { Tx } from '../../db';
import type { Actor } from '../../access/actor';

export type RouteEditorOptions = {
  /** Every queue: a route sends to one, and a new route starts on the default queue. */
  queues: { id: string; name: string; isDefault: boolean }[];
  /** Suggestions for the condition builder's tag values; a name not among them can still be typed. */
  tagNames: string[];
  /** Every inbox by name: the "Conversation inbox" condition picks one (its value is the inbox's id). */
  inboxes: { id: string; name: string }[];
};

const TAG_SUGGESTIONS = 500;

/**
 * What the route editor offers to pick from. Who may open the editor is the caller's check
 * ('queues.view'); nothing here depends on who asks. Three queries whatever the sizes.
 */
export async function getRouteEditorOptions(db: Tx, _actor: Actor): Promise<RouteEditorOptions> {
  const [queues, tags, inboxes] = await Promise.all([
    db.queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, isDefault: true } }),
    db.tag.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: TAG_SUGGESTIONS }),
    db.inbox.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } }),
  ]);
  return { queues, tagNames: tags.map((t) => t.name), inboxes };
}
