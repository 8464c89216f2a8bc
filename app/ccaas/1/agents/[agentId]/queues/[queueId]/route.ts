import { httpRoute } from '@/lib/operations/http';
import { removeQueueMemberOp } from '@/lib/operations/queues-agents';

export const DELETE = httpRoute(removeQueueMemberOp);
