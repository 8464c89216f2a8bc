import { httpRoute } from '@/lib/operations/http';
import { createWebhookOp, listWebhooksOp } from '@/lib/operations/webhooks';

export const GET = httpRoute(listWebhooksOp);
export const POST = httpRoute(createWebhookOp);
