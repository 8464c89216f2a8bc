import { z } from 'zod';
import { createSavedView, deleteSavedView, listSavedViews } from '../domain/saved-views';
import { createSavedViewSchema, savedViewRefSchema } from '../validation/saved-views';
import { operation } from './operation';

// The inbox's saved views (console only: no HTTP binding). Everyone who works conversations keeps
// their own; the domain scopes every one of these to the calling user.

export const listSavedViewsOp = operation({
  name: 'inbox.views.list',
  permission: 'conversations.work',
  input: z.object({}),
  run: ({ db, actor }) => listSavedViews(db, actor),
});

export const createSavedViewOp = operation({
  name: 'inbox.views.create',
  permission: 'conversations.work',
  input: createSavedViewSchema,
  run: ({ db, actor }, input) => createSavedView(db, actor, input),
});

export const deleteSavedViewOp = operation({
  name: 'inbox.views.delete',
  permission: 'conversations.work',
  input: savedViewRefSchema,
  run: ({ db, actor }, input) => deleteSavedView(db, actor, input),
});
