import { httpRoute } from '@/lib/operations/http';
import { getRoutingOp, saveRoutingOp } from '@/lib/operations/routing';

export const GET = httpRoute(getRoutingOp);
export const PUT = httpRoute(saveRoutingOp);
