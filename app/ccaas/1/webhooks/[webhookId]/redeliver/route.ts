import { httpRoute } from '@/lib/operations/http';
import { redeliverRangeOp } from '@/lib/operations/webhooks';

export const POST = httpRoute(redeliverRangeOp);
