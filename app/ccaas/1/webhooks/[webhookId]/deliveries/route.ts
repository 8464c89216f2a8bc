import { httpRoute } from '@/lib/operations/http';
import { listDeliveriesOp } from '@/lib/operations/webhooks';

export const GET = httpRoute(listDeliveriesOp);
