import { httpRoute } from '@/lib/operations/http';
import { simulateConversationOp } from '@/lib/operations/conversations';

export const GET = httpRoute(simulateConversationOp);
