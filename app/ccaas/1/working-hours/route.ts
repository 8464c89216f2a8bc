import { httpRoute } from '@/lib/operations/http';
import { createWorkingHoursOp, listWorkingHoursOp } from '@/lib/operations/working-hours';

export const GET = httpRoute(listWorkingHoursOp);
export const POST = httpRoute(createWorkingHoursOp);
