import { httpRoute } from '@/lib/operations/http';
import { addQueueMemberOp } from '@/lib/operations/queues-agents';

export const POST = httpRoute(addQueueMemberOp);
