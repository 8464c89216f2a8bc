import { httpRoute } from '@/lib/operations/http';
import { openApiDocumentOp } from '@/lib/operations/document';

// A static segment, so the [...rest] catch-all beside it never sees this path.
export const GET = httpRoute(openApiDocumentOp);
