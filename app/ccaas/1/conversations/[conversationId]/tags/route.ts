import { httpRoute } from '@/lib/operations/http';
import { addConversationTagOp } from '@/lib/operations/tags-messages';

export const POST = httpRoute(addConversationTagOp);
