import { apiError } from '@/lib/http/errors';

// Anything under /ccaas/1 that is not an endpoint answers in the API's error shape, not an HTML page.
const notFound = async () => apiError('NOT_FOUND', 'No such endpoint.');

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
