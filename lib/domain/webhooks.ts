import net from 'node:net';
import type { Db, Tx } from '../db';
import { assertCan, actingUserId, type Actor } from '../access/actor';
import { unitOfWork } from '../db/unit-of-work';
import type { WebhookSubscription } from '../generated/prisma/client';
import type { CreateWebhookInput, UpdateWebhookInput, WebhookListQuery, WebhookRef } from '../validation/webhooks';
import { isPrivateAddress, privateTargetsAllowed } from '../webhooks/target';
import { newWebhookSecret } from '../webhooks/signature';
import { audit } from './audit';
import { DomainError, notFound } from './errors';

// Webhook subscriptions (admins; issue 16). Every change writes its audit entry in its own
// transaction. The secret leaves the server once, in the answer to the create; reads never carry it.

export type Webhook = Omit<WebhookSubscription, 'secret'>;
const WITHOUT_SECRET = {
  id: true, url: true, events: true, inboxIds: true, queueIds: true, enabled: true, pausedAt: true, pauseReason: true,
  consecutiveFailures: true, createdById: true, createdAt: true, updatedAt: true,
} as const;

const missing = () => notFound('Webhook');

/**
 * Refuses at once what the worker would refuse at every delivery: a literal private or loopback
 * address, or localhost. Host names are checked again, resolved, before each request.
 */
function checkTarget(raw: string): void {
  if (privateTargetsAllowed()) return;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || (net.isIP(host) && isPrivateAddress(host)))
    throw new DomainError('BAD_REQUEST', 'Webhooks only go to public addresses.', { url: ['A private, loopback or link-local address is refused.'] });
}

async function checkFilters(tx: Tx, input: Pick<CreateWebhookInput, 'inboxIds' | 'queueIds'>): Promise<void> {
  const fields: Record<string, string[]> = {};
  if (input.inboxIds.length) {
    const found = new Set((await tx.inbox.findMany({ where: { id: { in: input.inboxIds } }, select: { id: true } })).map((r) => r.id));
    const unknown = input.inboxIds.filter((id) => !found.has(id));
    if (unknown.length) fields.inboxIds = [`No such inbox: ${unknown.join(', ')}.`];
  }
  if (input.queueIds.length) {
    const found = new Set((await tx.queue.findMany({ where: { id: { in: input.queueIds } }, select: { id: true } })).map((r) => r.id));
    const unknown = input.queueIds.filter((id) => !found.has(id));
    if (unknown.length) fields.queueIds = [`No such queue: ${unknown.join(', ')}.`];
  }
  if (Object.keys(fields).length) throw new DomainError('BAD_REQUEST', 'Request is invalid.', fields);
}

function auditView(w: Webhook): Record<string, unknown> {
  return { url: w.url, events: w.events, inboxIds: w.inboxIds, queueIds: w.queueIds, enabled: w.enabled };
}

export async function listWebhooks(db: Db, actor: Actor, q: WebhookListQuery) {
  assertCan(actor, 'webhooks.manage');
  const [field, dir] = q.orderBy.split(':') as ['createdAt' | 'url', 'asc' | 'desc'];
  const [webhooks, totalItems] = await Promise.all([
    db.webhookSubscription.findMany({ select: WITHOUT_SECRET, orderBy: [{ [field]: dir }, { id: 'asc' }], skip: q.page * q.limit, take: q.limit }),
    db.webhookSubscription.count(),
  ]);
  return { webhooks, totalItems, page: q.page, limit: q.limit, orderBy: q.orderBy };
}

export async function getWebhook(db: Db, actor: Actor, { webhookId }: WebhookRef): Promise<Webhook> {
  assertCan(actor, 'webhooks.manage');
  const w = await db.webhookSubscription.findUnique({ where: { id: webhookId }, select: WITHOUT_SECRET });
  if (!w) throw missing();
  return w;
}

/** Creates a subscription; the answer carries its secret, the only time it is shown. */
export async function createWebhook(db: Db, actor: Actor, input: CreateWebhookInput): Promise<Webhook & { secret: string }> {
  assertCan(actor, 'webhooks.manage');
  checkTarget(input.url);
  return unitOfWork(db, async (tx) => {
    await checkFilters(tx, input);
    const created = await tx.webhookSubscription.create({
      data: { url: input.url, events: input.events, inboxIds: input.inboxIds, queueIds: input.queueIds, enabled: input.enabled, secret: newWebhookSecret(), createdById: actingUserId(actor) },
    });
    await audit(tx, actor, { entity: 'WEBHOOK', entityId: created.id, entityName: created.url, action: 'create', after: auditView(created) });
    return created;
  });
}

/** Replaces a subscription's settings. Enabling one (again) resumes it if the worker had paused it. */
export async function updateWebhook(db: Db, actor: Actor, input: UpdateWebhookInput): Promise<Webhook> {
  assertCan(actor, 'webhooks.manage');
  checkTarget(input.url);
  return unitOfWork(db, async (tx) => {
    const before = await lock(tx, input.webhookId);
    await checkFilters(tx, input);
    const resume = input.enabled && (!before.enabled || before.pausedAt !== null);
    const after = await tx.webhookSubscription.update({
      where: { id: input.webhookId },
      data: {
        url: input.url, events: input.events, inboxIds: input.inboxIds, queueIds: input.queueIds, enabled: input.enabled,
        ...(resume && { pausedAt: null, pauseReason: null, consecutiveFailures: 0 }),
      },
      select: WITHOUT_SECRET,
    });
    await audit(tx, actor, {
      entity: 'WEBHOOK', entityId: after.id, entityName: after.url, action: 'update',
      before: { ...auditView(before), paused: before.pausedAt !== null }, after: { ...auditView(after), paused: after.pausedAt !== null },
    });
    return after;
  });
}

/** Deletes a subscription with its delivery log (events other subscriptions still wait for stay). */
export async function deleteWebhook(db: Db, actor: Actor, { webhookId }: WebhookRef): Promise<void> {
  assertCan(actor, 'webhooks.manage');
  await unitOfWork(db, async (tx) => {
    const before = await lock(tx, webhookId);
    await tx.webhookSubscription.delete({ where: { id: webhookId } });
    await audit(tx, actor, { entity: 'WEBHOOK', entityId: webhookId, entityName: before.url, action: 'delete', before: auditView(before) });
  });
}

/** Locks the row (two admins' changes pass one after the other) and answers it as it was. */
export async function lock(tx: Tx, id: string): Promise<Webhook> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WebhookSubscription" WHERE id = ${id} FOR UPDATE`;
  if (!rows.length) throw missing();
  return tx.webhookSubscription.findUniqueOrThrow({ where: { id }, select: WITHOUT_SECRET });
}
