import { httpRoute } from '@/lib/operations/http';
import { deleteWebhookOp, getWebhookOp, updateWebhookOp } from '@/lib/operations/webhooks';

export const GET = httpRoute(getWebhookOp);
export const PUT = httpRoute(updateWebhookOp);
export const DELETE = httpRoute(deleteWebhookOp);
