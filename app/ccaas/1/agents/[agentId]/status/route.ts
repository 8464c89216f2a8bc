import { httpRoute } from '@/lib/operations/http';
import { setAgentStatusOp } from '@/lib/operations/queues-agents';

export const PUT = httpRoute(setAgentStatusOp);
