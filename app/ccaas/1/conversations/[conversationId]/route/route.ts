import { httpRoute } from '@/lib/operations/http';
import { routeConversationOp } from '@/lib/operations/conversations';

export const POST = httpRoute(routeConversationOp);
