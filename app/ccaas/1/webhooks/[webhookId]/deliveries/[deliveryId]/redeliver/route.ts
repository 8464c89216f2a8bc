import { httpRoute } from '@/lib/operations/http';
import { redeliverOp } from '@/lib/operations/webhooks';

export const POST = httpRoute(redeliverOp);
