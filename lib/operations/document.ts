import { z } from 'zod';
import { answer } from './http-binding';
import { operation } from './operation';

/** The OpenAPI document itself: public on purpose, clients fetch it before they have a key. */
export const openApiDocumentOp = operation({
  name: 'api.document',
  permission: 'public',
  input: z.object({}),
  // Imported late: the document is built from the registry, which holds this operation.
  run: async () => (await import('../http/openapi')).openApiDocument(),
  http: {
    method: 'get', path: '/ccaas/1/openapi.json', operationId: 'get-openapi-document', tag: 'Documentation', summary: 'This document',
    description: 'Public: no key needed.', public: true,
    response: { json: { type: 'object', description: 'An OpenAPI 3.1 document.' }, description: 'The OpenAPI document.' },
    respond: (doc) => answer(doc, { 'Cache-Control': 'public, max-age=300' }),
    errors: [],
  },
});
