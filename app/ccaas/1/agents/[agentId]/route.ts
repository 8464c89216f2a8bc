import { httpRoute } from '@/lib/operations/http';
import { getAgentOp, updateAgentOp } from '@/lib/operations/agents';

export const GET = httpRoute(getAgentOp);
export const PUT = httpRoute(updateAgentOp);
