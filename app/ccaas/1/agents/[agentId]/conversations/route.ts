import { httpRoute } from '@/lib/operations/http';
import { listAgentConversationsOp } from '@/lib/operations/agents';

export const GET = httpRoute(listAgentConversationsOp);
