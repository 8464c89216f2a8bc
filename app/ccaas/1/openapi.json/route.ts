import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/http/openapi';

// Public on purpose: it is documentation, and clients fetch it before they have a key.
// A static segment, so the [...rest] catch-all beside it never sees this path.
export const GET = async () => NextResponse.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
