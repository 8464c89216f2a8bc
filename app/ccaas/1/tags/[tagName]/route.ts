import { httpRoute } from '@/lib/operations/http';
import { deleteTagOp } from '@/lib/operations/tags-messages';

export const DELETE = httpRoute(deleteTagOp);
