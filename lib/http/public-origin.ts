import { headers } from 'next/headers';

/**
 * Where links the app hands out (set-password links) point: NEXTAUTH_URL when it is configured
 * (the deployment's canonical address), else the origin the current request came to (behind a
 * proxy, its X-Forwarded-Host and -Proto), else localhost. The link goes back to the caller who
 * asked for it, never by mail, so a forged Host header can only mislead its own sender.
 */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting: fall back to the request.
    }
  }
  try {
    const h = await headers();
    const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host');
    if (host && /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(host)) {
      const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
      const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || (local ? 'http' : 'https');
      return `${proto === 'http' ? 'http' : 'https'}://${host}`;
    }
  } catch {
    // Outside a request (tests, scripts): no headers to read.
  }
  return `http://localhost:${process.env.PORT || 3000}`;
}
