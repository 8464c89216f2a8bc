import { DomainError } from '../errors';

// Ids that arrive in a request are checked against the database before they are stored (in the
// statements of create and update), so a bad id is a 400 naming the field rather than a
// foreign-key failure. The refusals, worded once:

export const unknownQueue = (field = 'queueId') => new DomainError('BAD_REQUEST', 'Queue not found.', { [field]: ['No queue has this id.'] });
export const unknownInbox = (field = 'inboxId') => new DomainError('BAD_REQUEST', 'Inbox not found.', { [field]: ['No inbox has this id.'] });
export const unknownAgent = (field = 'agentId') => new DomainError('BAD_REQUEST', 'Agent not found.', { [field]: ['No agent has this id.'] });
export const disabledAgent = (field = 'agentId') => new DomainError('BAD_REQUEST', 'This agent is disabled.', { [field]: ['The agent is disabled.'] });
