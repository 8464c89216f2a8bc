import { NextResponse, type NextRequest } from 'next/server';
import { foreignOriginRefusal, isHttps, newNonce, pageCsp } from './lib/http/security-headers.mjs';

// Runs for every page (never for the API, the event stream or Next's static files). Not an auth check
// (those run on the server for every page, action and route). It:
//   - refuses a POST from another site with a 403 before Next.js sees it (a server action, or a form
//     posting one: Next.js would answer a 500);
//   - gives the page its Content-Security-Policy with a fresh nonce, on the request too, where
//     Next.js reads the nonce for its own scripts (so every page renders per request: app/layout.tsx);
//   - tells server components which path was asked for, so a signed-out visitor comes back there after sign-in.
export function proxy(request: NextRequest) {
  if (request.method === 'POST') {
    const refusal = foreignOriginRefusal({
      origin: request.headers.get('origin'),
      host: request.headers.get('host'),
      forwardedHost: request.headers.get('x-forwarded-host'),
      extraOrigins: [process.env.NEXTAUTH_URL],
    });
    if (refusal) {
      return NextResponse.json({ requestError: { serviceException: { messageId: 'FORBIDDEN', text: refusal } } }, { status: 403 });
    }
  }

  const csp = pageCsp({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === 'development',
    https: isHttps(request.headers.get('x-forwarded-proto')),
  });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  headers.set('x-switchboard-path', request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  // Overrides next.config.mjs's CSP for non-documents (a proxy's headers are applied after the config's).
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages, the API reference and the not-found pages of unknown paths; not the API (/ccaas/1/), the
  // event stream, next-auth's endpoints or Next's own files.
  matcher: ['/((?!_next/|api/auth/|api/events|ccaas/1/|favicon.ico).*)'],
};
