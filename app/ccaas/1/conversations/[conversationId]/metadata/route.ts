import { httpRoute } from '@/lib/operations/http';
import { deleteMetadataOp, getMetadataOp, patchMetadataOp, putMetadataOp } from '@/lib/operations/notes-metadata';

export const GET = httpRoute(getMetadataOp);
export const PUT = httpRoute(putMetadataOp);
export const PATCH = httpRoute(patchMetadataOp);
export const DELETE = httpRoute(deleteMetadataOp);
