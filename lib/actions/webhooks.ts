'use server';

import { act } from '../operations/action';
import type { InputOf } from '../operations/operation';
import { apiCreatedWebhook } from '../http/webhook-mapper';
import { createWebhookOp, deleteWebhookOp, redeliverOp, redeliverRangeOp, updateWebhookOp } from '../operations/webhooks';

// The console's doors to the webhook operations (lib/operations/webhooks.ts); each checks the
// permission and parses its input there, whatever page rendered it.

const PAGE = ['/webhooks'];

/** The secret is in this one answer only. */
export async function createWebhookAction(input: InputOf<typeof createWebhookOp>) {
  return act(createWebhookOp, input, { revalidate: PAGE, shape: (w) => apiCreatedWebhook(w) });
}

export async function updateWebhookAction(input: InputOf<typeof updateWebhookOp>) {
  return act(updateWebhookOp, input, { revalidate: PAGE, shape: (w) => ({ id: w.id }) });
}

export async function deleteWebhookAction(input: InputOf<typeof deleteWebhookOp>) {
  return act(deleteWebhookOp, input, { revalidate: PAGE, shape: () => null });
}

export async function redeliverAction(input: InputOf<typeof redeliverOp>) {
  return act(redeliverOp, input, { revalidate: PAGE, shape: (d) => ({ id: d.id }) });
}

export async function redeliverRangeAction(input: InputOf<typeof redeliverRangeOp>) {
  return act(redeliverRangeOp, input, { revalidate: PAGE });
}
