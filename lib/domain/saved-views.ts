import type { Db } from '../db';
import { unitOfWork } from '../db/unit-of-work';
import { isUniqueViolation } from '../db/sql';
import { actingUserId, type Actor } from '../access/actor';
import { inboxSearchParams } from '../query/inbox-filters';
import { SAVED_VIEWS_MAX, type CreateSavedViewInput } from '../validation/saved-views';
import { DomainError, notFound } from './errors';

// Saved views: a user's named inbox filters and sort. Personal (each user sees and deletes only
// their own), so not an administrative change: no audit row. Stored as the URL's query string,
// which is what opening one navigates to.

export type SavedView = { id: string; name: string; query: string };

const select = { id: true, name: true, query: true } as const;

/** The user the views belong to: a signed-in user, or the user an API key acts for. */
function owner(actor: Actor): string {
  const userId = actingUserId(actor);
  if (!userId) throw new DomainError('FORBIDDEN', 'Saved views belong to a user.');
  return userId;
}

export async function listSavedViews(db: Db, actor: Actor): Promise<SavedView[]> {
  return db.savedView.findMany({ where: { userId: owner(actor) }, select, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: SAVED_VIEWS_MAX });
}

/** Saves the filters under a name; a name the user has used already is refused (409), nothing changes. */
export async function createSavedView(db: Db, actor: Actor, { name, filters }: CreateSavedViewInput): Promise<SavedView> {
  const userId = owner(actor);
  // The page is where one was, not part of the view.
  const query = inboxSearchParams({ ...filters, page: 0 }).toString();
  try {
    return await unitOfWork(db, async (tx) => {
      // Under the user's row lock, so two saves at once cannot both pass the limit.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
      if ((await tx.savedView.count({ where: { userId } })) >= SAVED_VIEWS_MAX) {
        throw new DomainError('BAD_REQUEST', `At most ${SAVED_VIEWS_MAX} saved views: delete one first.`, { name: [`At most ${SAVED_VIEWS_MAX} saved views.`] });
      }
      return tx.savedView.create({ data: { userId, name, query }, select });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT', `You have a view named “${name}” already.`, { name: ['That name is taken: choose another.'] });
    throw e;
  }
}

/** Deletes one of the user's own views; another user's (or an unknown id) is not found. */
export async function deleteSavedView(db: Db, actor: Actor, { id }: { id: string }): Promise<{ id: string }> {
  const { count } = await db.savedView.deleteMany({ where: { id, userId: owner(actor) } });
  if (count === 0) throw notFound('Saved view');
  return { id };
}
