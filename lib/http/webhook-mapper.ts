import type { DeliveryRow } from '../domain/webhook-deliveries';
import type { Webhook } from '../domain/webhooks';
import { apiTimestamp, compact } from './format';

export function apiWebhook(w: Webhook) {
  return compact({
    id: w.id,
    url: w.url,
    events: w.events,
    inboxIds: w.inboxIds,
    queueIds: w.queueIds,
    enabled: w.enabled,
    paused: w.pausedAt !== null,
    pausedAt: apiTimestamp(w.pausedAt),
    pauseReason: w.pauseReason ?? undefined,
    consecutiveFailures: w.consecutiveFailures,
    createdAt: apiTimestamp(w.createdAt),
    updatedAt: apiTimestamp(w.updatedAt),
  });
}

export function apiCreatedWebhook(w: Webhook & { secret: string }) {
  return { ...apiWebhook(w), secret: w.secret };
}

export function apiDelivery(d: DeliveryRow) {
  return compact({
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    conversationId: d.event.conversationId ?? undefined,
    sequence: d.event.sequence ?? undefined,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'PENDING' ? apiTimestamp(d.nextAttemptAt) : undefined,
    expiresAt: apiTimestamp(d.expiresAt),
    deliveredAt: apiTimestamp(d.deliveredAt),
    lastStatusCode: d.lastStatusCode ?? undefined,
    lastError: d.lastError ?? undefined,
    createdAt: apiTimestamp(d.createdAt),
    attemptLog: d.attemptLog.map((a) =>
      compact({ at: apiTimestamp(a.at), statusCode: a.statusCode ?? undefined, latencyMs: a.latencyMs, error: a.error ?? undefined, responseExcerpt: a.responseExcerpt ?? undefined }),
    ),
  });
}
