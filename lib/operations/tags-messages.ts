import { addConversationTag, createTag, deleteTag, listTags, removeConversationTag } from '../domain/conversations/tags';
import { addMessage, listMessages } from '../domain/conversations/messages';
import { apiMessage, apiTag } from '../http/mappers';
import { pagination } from '../http/format';
import { apiMessagePageSchema, apiMessageSchema, apiStatusSchema, apiTagPageSchema, apiTagSchema } from '../validation/api-responses';
import {
  addTagRequestSchema,
  conversationTagSchema,
  createMessageRequestSchema,
  createTagSchema,
  messageListRequestSchema,
  tagListQuerySchema,
  tagRefSchema,
} from '../validation/conversations';
import { operation } from './operation';

const ONE = '/ccaas/1/conversations/{conversationId}';
const success = (message: string) => ({ statusCode: 'SUCCESS', message });

export const addConversationTagOp = operation({
  name: 'conversations.tags.add',
  permission: 'conversations.work',
  input: addTagRequestSchema,
  run: ({ db, actor }, input) => addConversationTag(db, actor, input),
  http: {
    method: 'post', path: `${ONE}/tags`, operationId: 'add-conversation-tag', tag: 'Tags', summary: 'Add a tag to a conversation',
    description: 'The tag is created when new. Adding a tag the conversation already has changes nothing.',
    from: 'body', bodyId: 'AddTagToConversationApiRequest',
    response: { schema: apiStatusSchema, description: 'The tag is on the conversation.' },
    respond: ({ added, name }) => success(added ? `Tag ${name} added.` : `The conversation already has tag ${name}.`),
    errors: [400, 401, 403, 404],
  },
});

export const removeConversationTagOp = operation({
  name: 'conversations.tags.remove',
  permission: 'conversations.work',
  input: conversationTagSchema,
  run: async ({ db, actor }, input) => {
    await removeConversationTag(db, actor, input);
    return { name: input.tagName };
  },
  http: {
    method: 'delete', path: `${ONE}/tags/{tagName}`, operationId: 'delete-conversation-tag', tag: 'Tags', summary: 'Remove a tag from a conversation',
    description: 'The tag itself stays, and so does the conversation.',
    response: { schema: apiStatusSchema, description: 'The tag is off the conversation.' },
    respond: ({ name }) => success(`Tag ${name} removed.`),
    errors: [400, 401, 403, 404],
  },
});

export const listTagsOp = operation({
  name: 'tags.list',
  permission: 'conversations.work',
  input: tagListQuerySchema,
  run: ({ db, actor }, query) => listTags(db, actor, query),
  http: {
    method: 'get', path: '/ccaas/1/tags', operationId: 'get-tags', tag: 'Tags', summary: 'List tags',
    from: 'query',
    response: { schema: apiTagPageSchema, description: 'One page of tags.' },
    respond: (page) => ({ tags: page.tags.map(apiTag), pagination: pagination(page) }),
    errors: [400, 401, 403, 404],
  },
});

export const createTagOp = operation({
  name: 'tags.create',
  permission: 'conversations.work',
  input: createTagSchema,
  run: ({ db, actor }, input) => createTag(db, actor, input),
  http: {
    method: 'post', path: '/ccaas/1/tags', operationId: 'create-tag', tag: 'Tags', summary: 'Create a tag',
    description: 'Creating a tag that exists returns it unchanged.',
    from: 'body', bodyId: 'CreateTagApiRequest',
    response: { schema: apiTagSchema, description: 'The tag.' },
    respond: apiTag,
    errors: [400, 401, 403],
  },
});

export const deleteTagOp = operation({
  name: 'tags.delete',
  permission: 'tags.delete',
  input: tagRefSchema,
  run: ({ db, actor }, input) => deleteTag(db, actor, input),
  http: {
    method: 'delete', path: '/ccaas/1/tags/{tagName}', operationId: 'delete-tags', tag: 'Tags', summary: 'Delete a tag everywhere',
    description:
      'The tag leaves every conversation that has it (each gets a TAG_REMOVED timeline entry, closed ones included) and is deleted. ' +
      'This cannot be undone. An unknown tag is a 404 (messageId NOT_FOUND, as in the reference’s example).',
    response: { schema: apiStatusSchema, description: 'The tag is gone.' },
    respond: () => success('Tag deleted successfully.'),
    errors: [400, 401, 403, 404],
  },
});

export const listMessagesOp = operation({
  name: 'conversations.messages.list',
  permission: 'conversations.work',
  input: messageListRequestSchema,
  run: ({ db, actor }, query) => listMessages(db, actor, query),
  http: {
    method: 'get', path: `${ONE}/messages`, operationId: 'get-messages', tag: 'Messages', summary: 'List the messages of a conversation',
    from: 'query',
    response: { schema: apiMessagePageSchema, description: 'One page of messages.' },
    respond: (page) => ({ messages: page.messages.map(apiMessage), pagination: pagination(page) }),
    errors: [400, 401, 403, 404],
  },
});

export const addMessageOp = operation({
  name: 'conversations.messages.add',
  permission: 'conversations.work',
  input: createMessageRequestSchema,
  run: ({ db, actor }, input) => addMessage(db, actor, input),
  http: {
    method: 'post', path: `${ONE}/messages`, operationId: 'create-message', tag: 'Messages', summary: 'Add a message to a conversation',
    description:
      'OUTBOUND (the default) is an agent or, for an API key, a bot; INBOUND is the customer writing. Refused on CLOSED conversations (400). ' +
      'To send safely more than once (a retry after a timeout), give the message a clientMessageId or the request an Idempotency-Key: the repeat stores nothing and answers with the first message.',
    from: 'body', bodyId: 'CreateMessageApiRequest', idempotency: 'around',
    response: { schema: apiMessageSchema, description: 'The new message.' },
    respond: apiMessage,
    errors: [400, 401, 403, 404, 409],
  },
});
