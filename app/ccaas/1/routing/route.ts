import { httpRoute } from '@/lib/operations/http';
import { deleteRoutingOp, getRoutingOp, saveRoutingOp } from '@/lib/operations/routing';

export const GET = httpRoute(getRoutingOp);
export const PUT = httpRoute(saveRoutingOp);
export const DELETE = httpRoute(deleteRoutingOp);
