import { httpRoute } from '@/lib/operations/http';
import { createNoteOp, listNotesOp } from '@/lib/operations/notes-metadata';

export const GET = httpRoute(listNotesOp);
export const POST = httpRoute(createNoteOp);
