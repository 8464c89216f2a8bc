import type { Tx } from '../../db';
import { DomainError } from '../errors';

// Ids that arrive in a request are checked against the database before they are stored, so a
// bad id is a 400 naming the field rather than a foreign-key failure.

export const unknownQueue = (field = 'queueId') => new DomainError('BAD_REQUEST', 'Queue not found.', { [field]: ['No queue has this id.'] });

export async function assertAgent(tx: Tx, agentId: string | null | undefined, field = 'agentId'): Promise<void> {
  if (!agentId) return;
  const user = await tx.user.findUnique({ where: { id: agentId }, select: { enabled: true } });
  if (!user) throw new DomainError('BAD_REQUEST', 'Agent not found.', { [field]: ['No agent has this id.'] });
  if (!user.enabled) throw new DomainError('BAD_REQUEST', 'This agent is disabled.', { [field]: ['The agent is disabled.'] });
}

export async function assertInbox(tx: Tx, inboxId: string, field = 'inboxId') {
  const inbox = await tx.inbox.findUnique({ where: { id: inboxId } });
  if (!inbox) throw new DomainError('BAD_REQUEST', 'Inbox not found.', { [field]: ['No inbox has this id.'] });
  return inbox;
}
