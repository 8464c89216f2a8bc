import { createNote, listNotes, mentionCandidates } from '../domain/notes';
import { deleteMetadata, getMetadata, patchMetadata, putMetadata } from '../domain/metadata';
import { apiNote } from '../http/note-mapper';
import { pagination } from '../http/format';
import { apiStatusSchema } from '../validation/api-responses';
import { apiMetadataSchema, apiNotePageSchema, apiNoteSchema } from '../validation/api-responses-notes';
import { conversationRefSchema } from '../validation/conversations';
import { createNoteRequestSchema, noteListRequestSchema, patchMetadataRequestSchema, putMetadataRequestSchema } from '../validation/notes';
import { operation } from './operation';

const ONE = '/ccaas/1/conversations/{conversationId}';
const success = (message: string) => ({ statusCode: 'SUCCESS', message });
const LIMITS = 'At least one key; keys of 1–100 characters; values nested at most 5 levels deep; at most 16 KB of JSON in all.';

export const listNotesOp = operation({
  name: 'conversations.notes.list',
  permission: 'conversations.work',
  input: noteListRequestSchema,
  run: ({ db, actor }, query) => listNotes(db, actor, query),
  http: {
    method: 'get', path: `${ONE}/notes`, operationId: 'get-notes', tag: 'Notes', summary: 'List the notes of a conversation',
    description: 'Internal notes, oldest first unless orderBy says otherwise. Notes are never sent to the customer and never appear among the messages.',
    from: 'query',
    response: { schema: apiNotePageSchema, description: 'One page of notes.' },
    respond: (page) => ({ notes: page.notes.map(apiNote), pagination: pagination(page) }),
    errors: [400, 401, 403, 404],
  },
});

export const createNoteOp = operation({
  name: 'conversations.notes.add',
  permission: 'conversations.work',
  input: createNoteRequestSchema,
  run: ({ db, actor }, input) => createNote(db, actor, input),
  http: {
    method: 'post', path: `${ONE}/notes`, operationId: 'create-note', tag: 'Notes', summary: 'Add an internal note',
    description:
      'An internal note: never sent to the customer, seen by whoever may see the conversation. `content` is the text (1–4000 characters), ' +
      'or an object with `text`; for ATTACHMENT notes the text is kept and `attachments` are accepted but not stored. ' +
      '`agentId` names the author, who must be an agent who may see the conversation; without it the author is the user the key acts for (none for a key of its own). ' +
      '`@Full Name` or `@emailname` mentions of people who may see the conversation notify them in the console. ' +
      'Allowed on CLOSED conversations too: a note is internal, not a change of the conversation.',
    from: 'body', bodyId: 'CreateNoteApiRequest',
    response: { schema: apiNoteSchema, description: 'The new note.' },
    respond: apiNote,
    errors: [400, 401, 403, 404],
  },
});

export const getMetadataOp = operation({
  name: 'conversations.metadata.get',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => getMetadata(db, actor, input),
  http: {
    method: 'get', path: `${ONE}/metadata`, operationId: 'get-metadata', tag: 'Metadata', summary: 'Get the metadata of a conversation',
    description: 'The metadata object itself; `{}` when there is none. Routes read its keys as conversation.metadata.<key>.',
    response: { schema: apiMetadataSchema, description: 'The metadata.' },
    respond: (metadata) => metadata,
    errors: [400, 401, 403, 404],
  },
});

export const putMetadataOp = operation({
  name: 'conversations.metadata.put',
  permission: 'conversations.work',
  input: putMetadataRequestSchema,
  payload: 'metadata',
  run: ({ db, actor }, input) => putMetadata(db, actor, input),
  http: {
    method: 'put', path: `${ONE}/metadata`, operationId: 'create-metadata', tag: 'Metadata', summary: 'Replace the metadata of a conversation',
    description: `The body becomes the metadata, replacing what was there. ${LIMITS} Refused for CLOSED conversations.`,
    from: { body: 'metadata' }, bodyId: 'MetadataApiRequest',
    response: { schema: apiStatusSchema, description: 'The metadata is set.' },
    respond: () => success('Metadata added to conversation successfully.'),
    errors: [400, 401, 403, 404],
  },
});

export const patchMetadataOp = operation({
  name: 'conversations.metadata.patch',
  permission: 'conversations.work',
  input: patchMetadataRequestSchema,
  payload: 'metadata',
  run: ({ db, actor }, input) => patchMetadata(db, actor, input),
  http: {
    method: 'patch', path: `${ONE}/metadata`, operationId: 'patch-metadata', tag: 'Metadata', summary: 'Merge keys into the metadata of a conversation',
    description: `Top-level keys of the body replace the same keys; a key set to null is removed; other keys stay. ${LIMITS} (the merged metadata). Refused for CLOSED conversations.`,
    from: { body: 'metadata' }, bodyId: 'PatchMetadataApiRequest',
    response: { schema: apiStatusSchema, description: 'The keys are merged.' },
    respond: () => success('Metadata patch to conversation successfully.'),
    errors: [400, 401, 403, 404],
  },
});

export const deleteMetadataOp = operation({
  name: 'conversations.metadata.delete',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => deleteMetadata(db, actor, input),
  http: {
    method: 'delete', path: `${ONE}/metadata`, operationId: 'delete-metadata', tag: 'Metadata', summary: 'Delete the metadata of a conversation',
    description: 'Afterwards the metadata is `{}`. Refused for CLOSED conversations.',
    response: { schema: apiStatusSchema, description: 'The metadata is gone.' },
    respond: () => success('Metadata deleted successfully.'),
    errors: [400, 401, 403, 404],
  },
});

/** The note box's @mention picker: the people who may see the conversation. Console only. */
export const mentionCandidatesOp = operation({
  name: 'conversations.notes.mentionable',
  permission: 'conversations.work',
  input: conversationRefSchema,
  run: ({ db, actor }, input) => mentionCandidates(db, actor, input),
});
