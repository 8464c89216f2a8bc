import { getCustomer, patchCustomer } from '../domain/customers';
import { listInboxDirectory } from '../domain/inbox-directory';
import { apiCustomer, apiInbox } from '../http/extension-mappers';
import { pagination } from '../http/format';
import { apiCustomerSchema, apiInboxPageSchema } from '../validation/api-responses-extensions';
import { customerPatch, customerRefSchema, inboxListQuerySchema, patchCustomerSchema } from '../validation/customers';
import { operation } from './operation';

// Extensions beyond the Infobip reference (SPEC §5): what an API client needs for the bot hand-off
// without the console — find the inbox to create conversations in, and mark the customer (e.g.
// `authLevel: strong`) before asking to route.

const EXTENSION = 'Extension (not in the Infobip reference):';
const CUSTOMER = '/ccaas/1/customers/{customerId}';
const WHO =
  'Supervisors and admins reach every customer; anyone else (an agent, or a key acting as one) only a customer one of whose conversations they may see, and any other id is a 404.';

export const listInboxesApiOp = operation({
  name: 'inboxes.list',
  permission: 'conversations.work',
  input: inboxListQuerySchema,
  run: ({ db, actor }, query) => listInboxDirectory(db, actor, query),
  http: {
    method: 'get', path: '/ccaas/1/inboxes', operationId: 'get-inboxes', tag: 'Inboxes', summary: 'List inboxes',
    description:
      `${EXTENSION} the inboxes conversations arrive in, with their channel and assignment switches, ordered by name unless orderBy says otherwise. ` +
      'Pass an inbox’s id as inboxId when creating a conversation. Collaborators are managed in the console.',
    from: 'query',
    response: { schema: apiInboxPageSchema, description: 'One page of inboxes.' },
    respond: (page) => ({ inboxes: page.inboxes.map(apiInbox), pagination: pagination(page) }),
    errors: [400, 401, 403],
  },
});

export const getCustomerOp = operation({
  name: 'customers.get',
  permission: 'conversations.work',
  input: customerRefSchema,
  run: ({ db, actor }, input) => getCustomer(db, actor, input),
  http: {
    method: 'get', path: CUSTOMER, operationId: 'get-customer', tag: 'Customers', summary: 'Get a customer',
    description: `${EXTENSION} a customer (the conversation’s customerId) with their attributes, which routes read as customer.<key>. ${WHO}`,
    response: { schema: apiCustomerSchema, description: 'The customer.' },
    respond: apiCustomer,
    errors: [400, 401, 403, 404],
  },
});

export const patchCustomerOp = operation({
  name: 'customers.patch',
  permission: 'conversations.work',
  input: patchCustomerSchema,
  run: ({ db, actor }, input) => patchCustomer(db, actor, customerPatch(input)),
  http: {
    method: 'patch', path: CUSTOMER, operationId: 'patch-customer', tag: 'Customers', summary: 'Change a customer',
    description:
      `${EXTENSION} only the fields given change. name, email, phone and country are checked as the customer of a new conversation is; ` +
      'null clears one, but a customer keeps an email or a phone. An email or phone another customer has is refused (400). ' +
      '`attributes` merge key by key (a key set to null is removed); with `"replaceAttributes": true` they replace the attributes whole; ' +
      'either way the result is limited to 8000 characters of JSON. Give at least one field. The customer as read may be sent back: id, createdAt and updatedAt are ignored (another id than the path’s is refused). ' +
      `A route request made afterwards sees the change: set e.g. {"attributes":{"authLevel":"strong"}}, then POST /ccaas/1/conversations/{conversationId}/route. ${WHO}`,
    from: 'body', bodyId: 'PatchCustomerApiRequest',
    response: { schema: apiCustomerSchema, description: 'The customer after the change.' },
    respond: apiCustomer,
    errors: [400, 401, 403, 404],
  },
});
