import { httpRoute } from '@/lib/operations/http';
import { assignConversationOp, unassignConversationOp } from '@/lib/operations/conversations';

export const PUT = httpRoute(assignConversationOp);
export const DELETE = httpRoute(unassignConversationOp);
