import { httpRoute } from '@/lib/operations/http';
import { getCustomerOp, patchCustomerOp } from '@/lib/operations/inboxes-customers';

export const GET = httpRoute(getCustomerOp);
export const PATCH = httpRoute(patchCustomerOp);
