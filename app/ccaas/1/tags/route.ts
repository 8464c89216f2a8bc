import { httpRoute } from '@/lib/operations/http';
import { createTagOp, listTagsOp } from '@/lib/operations/tags-messages';

export const GET = httpRoute(listTagsOp);
export const POST = httpRoute(createTagOp);
