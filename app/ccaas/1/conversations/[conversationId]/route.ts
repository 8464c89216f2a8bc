import { httpRoute } from '@/lib/operations/http';
import { getConversationOp, patchConversationOp, replaceConversationOp } from '@/lib/operations/conversations';

export const GET = httpRoute(getConversationOp);
export const PUT = httpRoute(replaceConversationOp);
export const PATCH = httpRoute(patchConversationOp);
