import type { SavedRoute } from '../domain/routing/saved-routes';
import type { ConversationDetail } from '../domain/conversations/get';
import type { ConversationListItem } from '../domain/conversations/list';
import type { CreatedConversation } from '../domain/conversations/create';
import { DEFAULT_STICKY_DAYS, type QueuePolicyColumns } from '../validation/queue-policy';
import { apiTimestamp, compact } from './format';

/** ConversationApiModel plus Switchboard's extras (channel, inboxId, customerId, tags). */
export function apiConversation(c: ConversationListItem | ConversationDetail | CreatedConversation) {
  return compact({
    id: c.id,
    topic: c.topic,
    summary: c.summary,
    status: c.status,
    priority: c.priority,
    queueId: c.queueId,
    agentId: c.agentId,
    channel: c.channel,
    inboxId: c.inboxId,
    customerId: c.customerId,
    tags: c.tags.map((t: string | { tag: { name: string } }) => (typeof t === 'string' ? t : t.tag.name)),
    createdAt: apiTimestamp(c.createdAt),
    updatedAt: apiTimestamp(c.updatedAt),
    closedAt: apiTimestamp(c.closedAt),
    // Extension: when a snoozed conversation comes back (it is WAITING until then).
    snoozedUntil: apiTimestamp(c.snoozedUntil ?? null),
  });
}

type MessageRow = {
  id: string;
  conversationId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  channel: string;
  from: string | null;
  to: string | null;
  text: string;
  attributes: unknown;
  authorType: string;
  authorId: string | null;
  authorApiKeyId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function apiMessage(m: MessageRow) {
  return compact({
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    // The reference's MessageChannel has no NO_CHANNEL: leave the field out instead.
    channel: m.channel === 'NO_CHANNEL' ? undefined : m.channel,
    from: m.from,
    to: m.to,
    authorId: m.authorId ?? m.authorApiKeyId,
    authorType: m.authorType,
    contentType: 'TEXT',
    content: { text: m.text },
    attributes: m.attributes,
    createdAt: apiTimestamp(m.createdAt),
    updatedAt: apiTimestamp(m.updatedAt),
  });
}

export function apiTag(t: { id: string; name: string; createdAt: Date; updatedAt: Date }) {
  return { id: t.id, name: t.name, createdAt: apiTimestamp(t.createdAt), updatedAt: apiTimestamp(t.updatedAt) };
}

/** RuleApiResponse: `order` is the 1-based position in the list, as in the reference's example. */
export function apiRoute(r: SavedRoute) {
  return compact({
    id: r.id,
    order: r.position + 1,
    name: r.name,
    enabled: r.enabled,
    expression: r.expression,
    queueId: r.queueId,
    queueName: r.queue.name,
    priority: r.priority,
    routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours,
    isPrivate: false,
    createdAt: apiTimestamp(r.createdAt),
    updatedAt: apiTimestamp(r.updatedAt),
  });
}

/** QueueApiModel: the policy columns under the reference's names, each always present (its effective value). */
export function apiQueue(
  q: QueuePolicyColumns & {
    id: string;
    name: string;
    isDefault: boolean;
    workingHoursId?: string | null;
    externalId?: string | null;
    createdAt: Date;
    updatedAt: Date;
    _count?: { members: number; routes: number };
  },
) {
  return compact({
    id: q.id,
    name: q.name,
    isDefault: q.isDefault,
    workingHoursId: q.workingHoursId,
    externalId: q.externalId,
    isAutoAssignmentEnabled: q.autoAssign,
    autoAssignmentAlgorithm: q.algorithm,
    isAutoAssignmentOutsideOfWorkingHoursEnabled: q.assignOutsideHours,
    isStickyAutoAssignmentEnabled: q.sticky,
    stickyAgentTimeoutDays: q.stickyDays ?? DEFAULT_STICKY_DAYS,
    isPrivate: false,
    enabledAgentsCount: q._count?.members,
    enabledRoutesCount: q._count?.routes,
    createdAt: apiTimestamp(q.createdAt),
    updatedAt: apiTimestamp(q.updatedAt),
  });
}
