#!/usr/bin/env node
// The server (`npm start` runs it through scripts/start.mjs, `npm run dev` with --dev): Next.js
// behind a small Node HTTP server that first decides the client's address from the socket
// (scripts/lib/client-address.mjs: X-Forwarded-For is overwritten unless TRUSTED_PROXY names the
// peer; sign-in throttling keys on it), then answers, in the API's error envelope, what Next itself
// would answer with an empty 405 or a text/plain 500 before any route code runs:
//   - a method no route serves (TRACE, CONNECT, PROPFIND…) → 405 with Allow;
//   - a path whose percent-encoding is broken (/ccaas/1/conversations/%ff) → 400;
//   - a method a /ccaas/1 path does not have (DELETE /ccaas/1/tags) → 405 with that path's Allow;
//   - a server action posted from another site → 403 (proxy.ts refuses the same, for Next's own
//     requests), and one whose body Next.js could not decode → 400 (scripts/lib/action-body.mjs).
// Which methods each /ccaas/1 path has comes from the app's own OpenAPI document (generated from the
// operation registry), read once the app is up: there is no second list here.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { FIXED_HEADERS, HSTS, NON_DOCUMENT_CSP, foreignOriginRefusal, isHttps } from '../lib/http/security-headers.mjs';
import { checkActionBody, isActionPost, refuseUndecodableAction } from './lib/action-body.mjs';
import { applyClientAddress, parseTrustedProxies } from './lib/client-address.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = Number(process.env.PORT || 3000);
const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const dev = process.argv.includes('--dev');

let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXY);
} catch (err) {
  console.error(err.message);
  process.exit(2);
}

const app = next({ dev, dir: root, port, hostname: 'localhost' });
const handle = app.getRequestHandler();

/** @type {{ pattern: RegExp; allow: string[] }[] | null} */
let apiPaths = null;

/**
 * The browser security headers for an answer written here (Next.js's own answers get them from
 * next.config.mjs and proxy.ts): the same set, from lib/http/security-headers.mjs.
 * @param {http.IncomingMessage | undefined} req
 */
function securityHeaders(req) {
  return {
    ...FIXED_HEADERS,
    'Content-Security-Policy': NON_DOCUMENT_CSP,
    ...(req && isHttps(req.headers['x-forwarded-proto']) ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

function envelope(res, status, messageId, text, headers = {}) {
  const body = JSON.stringify({ requestError: { serviceException: { messageId, text } } });
  res.writeHead(status, { ...securityHeaders(res.req), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** The methods of each documented path, `{param}` segments matching one segment. */
function pathTable(doc) {
  return Object.entries(doc.paths).map(([template, item]) => {
    const methods = Object.keys(item).map((m) => m.toUpperCase());
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    const pattern = new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`)).replace(/\{\w+\}/g, '[^/]+')}/?$`);
    return { pattern, allow };
  });
}

/** Refuses a server action from another site, then one whose body cannot be decoded. True when answered. */
async function guardAction(req, res) {
  const refusal = foreignOriginRefusal({
    origin: req.headers.origin,
    host: req.headers.host,
    forwardedHost: req.headers['x-forwarded-host'],
    extraOrigins: [process.env.NEXTAUTH_URL],
  });
  if (refusal) {
    envelope(res, 403, 'FORBIDDEN', refusal);
    return true;
  }
  const fault = await checkActionBody(req);
  if (!fault) {
    if (req.headers['next-action']) {
      refuseUndecodableAction(res, () => envelope(res, 400, 'BAD_REQUEST', 'This request could not be read as a call of one of Switchboard’s actions.'));
    }
    return false;
  }
  if (fault === 'gone') {
    res.destroy();
    return true;
  }
  envelope(res, fault.status, fault.messageId, fault.text, { Connection: 'close' });
  return true;
}

/** True when the request was answered here. */
function guard(req, res) {
  const method = (req.method || 'GET').toUpperCase();
  const rawPath = (req.url || '/').split('?')[0];
  if (!KNOWN_METHODS.includes(method)) {
    envelope(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not supported.`, { Allow: KNOWN_METHODS.join(', ') });
    return true;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    envelope(res, 400, 'BAD_REQUEST', 'The path is not valid: a percent-encoded character is broken.');
    return true;
  }
  if (isActionPost(req, pathname)) return guardAction(req, res);
  if (!apiPaths || !pathname.startsWith('/ccaas/1/')) return false;
  // Match on the raw path, so an encoded "/" inside an id stays one segment.
  const known = apiPaths.find((p) => p.pattern.test(rawPath));
  if (known && !known.allow.includes(method)) {
    envelope(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not supported on this path. Use ${known.allow.join(', ')}.`, { Allow: known.allow.join(', ') });
    return true;
  }
  return false;
}

await app.prepare();
const server = http.createServer(async (req, res) => {
  try {
    applyClientAddress(req, trusted);
    if (await guard(req, res)) return;
    await handle(req, res);
  } catch (err) {
    console.error('Request failed', err);
    if (!res.headersSent) envelope(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Try again.');
    else res.end();
  }
});
server.listen(port, async () => {
  console.log(`Switchboard listening on http://localhost:${port}${dev ? ' (development)' : ''}`);
  if (trusted.size) console.log(`Trusting X-Forwarded-For from ${process.env.TRUSTED_PROXY}`);
  try {
    const r = await fetch(`http://127.0.0.1:${port}/ccaas/1/openapi.json`);
    apiPaths = pathTable(await r.json());
  } catch (err) {
    console.error('Could not read the API document; wrong methods on API paths get Next.js’s plain 405.', err);
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
