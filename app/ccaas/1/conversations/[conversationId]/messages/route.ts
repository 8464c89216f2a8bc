import { httpRoute } from '@/lib/operations/http';
import { addMessageOp, listMessagesOp } from '@/lib/operations/tags-messages';

export const GET = httpRoute(listMessagesOp);
export const POST = httpRoute(addMessageOp);
