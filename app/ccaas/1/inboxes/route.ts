import { httpRoute } from '@/lib/operations/http';
import { listInboxesApiOp } from '@/lib/operations/inboxes-customers';

export const GET = httpRoute(listInboxesApiOp);
