import type { Operation } from './operation';
import * as conversations from './conversations';
import * as tagsMessages from './tags-messages';
import * as routing from './routing';
import * as queuesAgents from './queues-agents';
import * as consoleOps from './console';
import * as agents from './agents';
import * as notesMetadata from './notes-metadata';
import { openApiDocumentOp } from './document';
import * as workingHours from './working-hours';
import * as inboxesCustomers from './inboxes-customers';
import * as account from './account';
import * as snoozeBulk from './snooze-bulk';
import * as savedViews from './saved-views';
import * as cannedReplies from './canned-replies';
import * as viewers from './viewers';
import * as webhooks from './webhooks';

/**
 * Every operation Switchboard has, HTTP or console. The OpenAPI document is built from the ones
 * with an HTTP binding; lib/operations/registry.test.ts checks each against the role table, the
 * route files under app/ccaas/1 and the document.
 */
export const OPERATIONS: readonly Operation[] = [
  ...Object.values(conversations),
  ...Object.values(tagsMessages),
  ...Object.values(routing),
  ...Object.values(queuesAgents),
  ...Object.values(consoleOps),
  ...Object.values(agents),
  ...Object.values(notesMetadata),
  openApiDocumentOp,
  ...Object.values(workingHours),
  ...Object.values(inboxesCustomers),
  ...Object.values(account),
  ...Object.values(snoozeBulk),
  ...Object.values(savedViews),
  ...Object.values(cannedReplies),
  ...Object.values(viewers),
  ...Object.values(webhooks),
] as Operation[];
