import { httpRoute } from '@/lib/operations/http';
import { createConversationOp, listConversationsOp } from '@/lib/operations/conversations';

export const GET = httpRoute(listConversationsOp);
export const POST = httpRoute(createConversationOp);
