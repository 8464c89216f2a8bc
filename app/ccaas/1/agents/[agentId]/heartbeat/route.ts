import { httpRoute } from '@/lib/operations/http';
import { agentHeartbeatOp } from '@/lib/operations/queues-agents';

export const PUT = httpRoute(agentHeartbeatOp);
