import { httpRoute } from '@/lib/operations/http';
import { deleteWorkingHoursOp, getWorkingHoursOp, patchWorkingHoursOp, updateWorkingHoursOp } from '@/lib/operations/working-hours';

export const GET = httpRoute(getWorkingHoursOp);
export const PUT = httpRoute(updateWorkingHoursOp);
export const PATCH = httpRoute(patchWorkingHoursOp);
export const DELETE = httpRoute(deleteWorkingHoursOp);
