import { z } from 'zod';
import { idSchema } from './common';
import { inboxFiltersSchema } from '../query/inbox-filters';

export const SAVED_VIEW_NAME_MAX = 80;
/** A user's saved views; enough for a working day's worth of lists, and a bound on what the inbox loads. */
export const SAVED_VIEWS_MAX = 50;

export const createSavedViewSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the view a name.').max(SAVED_VIEW_NAME_MAX, `At most ${SAVED_VIEW_NAME_MAX} characters.`),
  /** The inbox's filters and sort as the URL holds them; bad values are dropped as the URL drops them. */
  filters: inboxFiltersSchema,
});
export type CreateSavedViewInput = z.output<typeof createSavedViewSchema>;

export const savedViewRefSchema = z.strictObject({ id: idSchema });
