import { httpRoute } from '@/lib/operations/http';
import { createQueueOp, listQueuesOp } from '@/lib/operations/queues-agents';

export const GET = httpRoute(listQueuesOp);
export const POST = httpRoute(createQueueOp);
