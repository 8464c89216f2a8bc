import { NextResponse, type NextRequest } from 'next/server';

// Not an auth check (those run on the server for every page, action and route): it only tells
// server components which path was asked for, so a signed-out visitor comes back there after sign-in.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-switchboard-path', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/|api/|ccaas/|favicon.ico).*)'],
};
