import { httpRoute } from '@/lib/operations/http';
import { removeConversationTagOp } from '@/lib/operations/tags-messages';

export const DELETE = httpRoute(removeConversationTagOp);
