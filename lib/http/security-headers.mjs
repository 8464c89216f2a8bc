// The browser security headers, in one place for the three writers of responses:
//   - proxy.ts — every page: the Content-Security-Policy with a fresh nonce (Next.js reads the nonce
//     from the request's CSP header and puts it on its own scripts);
//   - next.config.mjs — every response Next.js sends (API answers, static files, error pages): the
//     fixed headers below and a CSP that lets nothing load (proxy.ts overrides it on pages);
//   - scripts/server.mjs — the envelope answers it writes itself, before Next.js sees the request.
// Plain JavaScript so the Node server and next.config.mjs can import it without a build.

/** Sent on every response. */
export const FIXED_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  // Older browsers' spelling of frame-ancestors 'none'.
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Features the console never uses, refused to it and to anything it might embed.
  'Permissions-Policy': [
    'accelerometer=()',
    'autoplay=()',
    'camera=()',
    'display-capture=()',
    'geolocation=()',
    'gyroscope=()',
    'hid=()',
    'magnetometer=()',
    'microphone=()',
    'midi=()',
    'payment=()',
    'publickey-credentials-get=()',
    'serial=()',
    'usb=()',
    'xr-spatial-tracking=()',
  ].join(', '),
});

/** Sent only when the request came over https (see isHttps): over plain http a browser ignores it. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The request's own first X-Forwarded-Proto entry is https. The app itself serves plain http, so https
 * means a TLS-terminating proxy in front. scripts/server.mjs decides which proxies are believed
 * (TRUSTED_PROXY); a client that fakes the header only earns HSTS on a response its browser would
 * have ignored anyway, or a one-year https pin on a host it reaches over https anyway.
 */
export const HTTPS_FORWARDED_PROTO = 'https(?:\\s*,.*)?';

/** @param {string | string[] | null | undefined} forwardedProto */
export function isHttps(forwardedProto) {
  const value = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  return typeof value === 'string' && new RegExp(`^${HTTPS_FORWARDED_PROTO}$`, 'i').test(value.trim());
}

/** For answers that are not documents (JSON, files): nothing may load, frame or submit from them. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of a console page. Scripts: only those carrying this response's nonce, and what they load
 * ('strict-dynamic' — Next.js loads its chunks from its bootstrap script); never inline ones without
 * the nonce. Styles may be inline: React writes style attributes into server-rendered markup and
 * dnd-kit, Recharts and Tailwind's arbitrary values rely on them; a style cannot run code.
 * @param {{ nonce: string, dev?: boolean, https?: boolean }} o
 */
export function pageCsp({ nonce, dev = false, https = false }) {
  return [
    "default-src 'self'",
    // next dev evaluates modules with eval for its error overlay and fast refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Same-origin fetches, server actions and the live stream (/api/events); dev's HMR socket too.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** A fresh, unguessable nonce (base64 of 16 random bytes). Web Crypto: runs in the proxy's runtime too. */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Why a POST to a page (a server action, or a form posting one) must be refused, or null to let it
 * through. The same comparison Next.js makes — the Origin's host against X-Forwarded-Host or Host —
 * but answered before it as a 403: Next.js answers a foreign Origin with a 500 ("Invalid Server
 * Actions request") and crashes into one on a malformed Origin. No Origin at all passes, as in
 * Next.js: browsers send one with every POST, so only a hand-made request (which carries no one
 * else's cookies) lacks it.
 * @param {{ origin?: string | null, host?: string | null, forwardedHost?: string | null, extraOrigins?: (string | undefined)[] }} h
 * @returns {string | null}
 */
export function foreignOriginRefusal({ origin, host, forwardedHost, extraOrigins = [] }) {
  if (origin == null || origin === '') return null;
  if (origin === 'null') return 'This form was sent from a page with no origin (Origin: null), so it was refused. Submit it from Switchboard itself.';
  let originHost;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return 'This request carries an Origin header that is not an origin, so it was refused.';
  }
  const allowed = [forwardedHost?.split(',')[0]?.trim(), host?.trim()];
  for (const extra of extraOrigins) {
    try {
      if (extra) allowed.push(new URL(extra).host);
    } catch {
      // A malformed setting allows nothing.
    }
  }
  if (allowed.some((h) => h && h.toLowerCase() === originHost)) return null;
  return 'This form was sent from another site (its Origin is not this server), so it was refused. Submit it from Switchboard itself.';
}
