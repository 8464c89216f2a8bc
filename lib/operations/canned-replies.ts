import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '../domain/canned-replies/canned-replies';
import { cannedReplyRefSchema, createCannedReplySchema, listCannedRepliesSchema, updateCannedReplySchema } from '../validation/canned-replies';
import { operation } from './operation';

// Canned replies, console only. Shared and personal replies are separate operations so that the
// permission each needs is declared here, not decided inside: anyone may write their own, only
// supervisors and admins the team's. The domain adds what a role cannot say: a personal reply is
// its owner's alone.

export const listCannedRepliesOp = operation({
  name: 'cannedReplies.list',
  permission: 'cannedReplies.use',
  input: listCannedRepliesSchema,
  run: ({ db, actor }, input) => listCannedReplies(db, actor, input),
});

export const createPersonalCannedReplyOp = operation({
  name: 'cannedReplies.personal.create',
  permission: 'cannedReplies.use',
  input: createCannedReplySchema,
  run: ({ db, actor }, input) => createCannedReply(db, actor, 'PERSONAL', input),
});

export const updatePersonalCannedReplyOp = operation({
  name: 'cannedReplies.personal.update',
  permission: 'cannedReplies.use',
  input: updateCannedReplySchema,
  run: ({ db, actor }, input) => updateCannedReply(db, actor, 'PERSONAL', input),
});

export const deletePersonalCannedReplyOp = operation({
  name: 'cannedReplies.personal.delete',
  permission: 'cannedReplies.use',
  input: cannedReplyRefSchema,
  run: ({ db, actor }, input) => deleteCannedReply(db, actor, 'PERSONAL', input),
});

export const createSharedCannedReplyOp = operation({
  name: 'cannedReplies.shared.create',
  permission: 'cannedReplies.manage',
  input: createCannedReplySchema,
  run: ({ db, actor }, input) => createCannedReply(db, actor, 'SHARED', input),
});

export const updateSharedCannedReplyOp = operation({
  name: 'cannedReplies.shared.update',
  permission: 'cannedReplies.manage',
  input: updateCannedReplySchema,
  run: ({ db, actor }, input) => updateCannedReply(db, actor, 'SHARED', input),
});

export const deleteSharedCannedReplyOp = operation({
  name: 'cannedReplies.shared.delete',
  permission: 'cannedReplies.manage',
  input: cannedReplyRefSchema,
  run: ({ db, actor }, input) => deleteCannedReply(db, actor, 'SHARED', input),
});
