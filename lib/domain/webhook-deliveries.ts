import type { Db } from '../db';
import { assertCan, type Actor } from '../access/actor';
import { unitOfWork } from '../db/unit-of-work';
import type { DeliveryListQuery, RedeliverInput, RedeliverRangeInput } from '../validation/webhooks';
import { audit } from './audit';
import { DomainError, notFound } from './errors';
import { lock } from './webhooks';

// The delivery log of a subscription and redelivery (issue 16). Redelivering sends the same event
// (same id: receivers dedupe on Switchboard-Event-Id) again, with a fresh 24 h of retries.

const ATTEMPTS_SHOWN = 10;

export async function listDeliveries(db: Db, actor: Actor, q: DeliveryListQuery) {
  assertCan(actor, 'webhooks.manage');
  const sub = await db.webhookSubscription.findUnique({ where: { id: q.webhookId }, select: { id: true } });
  if (!sub) throw notFound('Webhook');
  const where = { subscriptionId: q.webhookId, ...(q.status && { status: q.status }) };
  // Three queries whatever the page holds: the page, its attempts (newest first), the count.
  const [deliveries, totalItems] = await Promise.all([
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: q.page * q.limit,
      take: q.limit,
      include: { event: { select: { id: true, type: true, conversationId: true, sequence: true, createdAt: true } }, attemptLog: { orderBy: { at: 'desc' }, take: ATTEMPTS_SHOWN } },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  return { deliveries, totalItems, page: q.page, limit: q.limit, orderBy: 'createdAt:desc' };
}

export type DeliveryPage = Awaited<ReturnType<typeof listDeliveries>>;
export type DeliveryRow = DeliveryPage['deliveries'][number];

const AGAIN = () => {
  const now = new Date();
  return { status: 'PENDING' as const, nextAttemptAt: now, expiresAt: new Date(now.getTime() + 24 * 3_600_000), deliveredAt: null };
};

/** Sends one delivery's event again (whatever its state; a pending one is simply sent now). */
export async function redeliver(db: Db, actor: Actor, { webhookId, deliveryId }: RedeliverInput) {
  assertCan(actor, 'webhooks.manage');
  return unitOfWork(db, async (tx) => {
    const sub = await lock(tx, webhookId);
    const { count } = await tx.webhookDelivery.updateMany({ where: { id: deliveryId, subscriptionId: webhookId }, data: AGAIN() });
    if (!count) throw notFound('Delivery');
    await audit(tx, actor, { entity: 'WEBHOOK', entityId: webhookId, entityName: sub.url, action: 'redeliver', after: { deliveryId } });
    return tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { event: { select: { id: true, type: true, conversationId: true, sequence: true, createdAt: true } }, attemptLog: { orderBy: { at: 'desc' }, take: ATTEMPTS_SHOWN } } });
  });
}

/** Sends again every event of the subscription created between `from` and `to` (inclusive). */
export async function redeliverRange(db: Db, actor: Actor, { webhookId, from, to }: RedeliverRangeInput): Promise<{ count: number }> {
  assertCan(actor, 'webhooks.manage');
  if (from.getTime() > to.getTime()) throw new DomainError('BAD_REQUEST', 'Request is invalid.', { to: ['Must not be before from.'] });
  if (from.getTime() > to.getTime()) throw new DomainError('BAD_REQUEST', 'Request is invalid.', { to: ['Must not be before from.'] });
  return unitOfWork(db, async (tx) => {
    const sub = await lock(tx, webhookId);
    const { count } = await tx.webhookDelivery.updateMany({ where: { subscriptionId: webhookId, createdAt: { gte: from, lte: to } }, data: AGAIN() });
    await audit(tx, actor, { entity: 'WEBHOOK', entityId: webhookId, entityName: sub.url, action: 'redeliver', after: { from, to, count } });
    return { count };
  });
}
