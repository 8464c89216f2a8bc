import { httpRoute } from '@/lib/operations/http';
import { deleteQueueOp, getQueueOp, updateQueueOp } from '@/lib/operations/queues-agents';

export const GET = httpRoute(getQueueOp);
export const PUT = httpRoute(updateQueueOp);
export const DELETE = httpRoute(deleteQueueOp);
