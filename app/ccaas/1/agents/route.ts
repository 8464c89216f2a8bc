import { httpRoute } from '@/lib/operations/http';
import { createAgentOp, listAgentsOp } from '@/lib/operations/agents';

export const GET = httpRoute(listAgentsOp);
export const POST = httpRoute(createAgentOp);
