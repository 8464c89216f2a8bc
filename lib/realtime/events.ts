import type { Availability, ConversationStatus } from '../generated/prisma/enums';

/**
 * What the server tells browsers. Events say *that* something changed and carry just enough to
 * decide who may hear of it and what to refetch; pages then read through the usual domain
 * functions, so an event can never show more than a read would.
 */

export type ConversationChange = 'created' | 'status' | 'priority' | 'queue' | 'assignee' | 'properties' | 'tags' | 'routed' | 'message' | 'note' | 'metadata';

/** Who made a change: enough to skip telling people about their own actions. */
export type EventActor = { kind: 'user' | 'apiKey' | 'system'; id: string | null };

export type ConversationEvent = {
  type: 'conversation';
  id: string;
  changes: ConversationChange[];
  /** State after the transaction committed. */
  status: ConversationStatus;
  inboxId: string | null;
  queueId: string | null;
  agentId: string | null;
  topic: string | null;
  /** Queue and assignee before the transaction: who could see it until now also hears that it left them. */
  before: { queueId: string | null; agentId: string | null };
  actor: EventActor;
};

export type BusEvent =
  | ConversationEvent
  | { type: 'agent'; id: string; availability: Availability }
  | { type: 'routes'; version: number; savedBy: EventActor & { name: string } }
  | { type: 'queues' }
  | { type: 'inboxes' }
  | { type: 'users'; id: string }
  /** Queue membership or inbox collaboration of these users changed: what they may see changed. */
  | { type: 'scope'; userIds: string[] }
  /** The user read a conversation (another tab, another device): their unread count changed. */
  | { type: 'unread'; userId: string }
  /** This process may have missed events (its PostgreSQL listener reconnected): refetch everything. */
  | { type: 'resync' }
  /** `userId` was @mentioned in a note on a conversation they may see: only they hear of it. */
  | { type: 'mention'; userId: string; conversationId: string; noteId: string; byName: string }
  | ViewerEvent;

/**
 * Someone has a conversation open, or is typing a reply on it, or has left it (the collision
 * warning). Nothing stores it: each browser keeps what it heard until it expires
 * (components/conversation/viewers.tsx). It carries the conversation's place so that the stream
 * tells only those who may see the conversation, and `announce` when the sender just arrived, so
 * that those already there say so at once instead of at their next signal.
 */
export type ViewerEvent = {
  type: 'viewer';
  conversationId: string;
  userId: string;
  name: string;
  state: 'viewing' | 'typing' | 'left';
  announce: boolean;
  inboxId: string | null;
  queueId: string | null;
  agentId: string | null;
};

/** What one browser receives: a bus event it may see, or one of the stream's own messages. */
export type WireEvent =
  | Exclude<BusEvent, { type: 'scope' } | { type: 'conversation' }>
  | ConversationEvent
  /** A conversation the viewer could see until this change and no longer can: only its id. */
  | { type: 'conversation-gone'; id: string }
  | { type: 'scope' }
  | { type: 'hello'; userId: string; at: string }
  | { type: 'ping'; at: string }
  /** The account was disabled or deleted: the stream ends and the console should sign out. */
  | { type: 'signed-out' };
