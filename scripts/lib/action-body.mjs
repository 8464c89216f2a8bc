// A POST to a page is a server action (a fetch with a Next-Action header, or a form posted before the
// page hydrated). Next.js decodes its body only after it has picked the action, and answers a body it
// cannot decode (text that is not JSON, a multipart body with a broken boundary, one over its 1 MB
// limit) with a 500 — an answer blaming the server for a request the client shaped. So the body is
// read here first and checked the way Next.js will read it; a broken one gets a 400 (413 when too
// large), and a good one is handed on unchanged.
import { Readable } from 'node:stream';

/** Next.js's default `serverActions.bodySizeLimit` (next.config.mjs does not change it). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/** True for a POST that Next.js would treat as a server action. */
export function isActionPost(req, pathname) {
  if ((req.method || '').toUpperCase() !== 'POST') return false;
  if (pathname.startsWith('/ccaas/1/') || pathname.startsWith('/api/') || pathname.startsWith('/_next/')) return false;
  if (req.headers['next-action']) return true;
  return /^multipart\/form-data\b/i.test(String(req.headers['content-type'] || ''));
}

/** The body, or null once it passes the limit (the rest is drained, not kept); undefined when the client went away. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    let ended = false;
    req.on('close', () => {
      if (!ended) resolve(undefined);
    });
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve(over ? null : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * Gives `req` its body back to be read again, as Next.js itself does after its proxy has read one
 * (next/dist/server/body-streams.js): the stream's state and methods are moved onto the request.
 */
function replaceBody(req, buffer) {
  const stream = new Readable({ read() {} });
  stream.push(buffer);
  stream.push(null);
  for (const key in stream) {
    const value = stream[key];
    req[key] = typeof value === 'function' ? value.bind(req) : value;
  }
}

/** React's reply format: a JSON text, or form data whose root field "0" (when present) is JSON. */
async function fault(buffer, contentType, isFetch) {
  if (/^multipart\/form-data\b/i.test(contentType)) {
    let form;
    try {
      form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return 'The form data in this request is broken (its parts or boundary cannot be read).';
    }
    const root = form.get('0');
    if (isFetch && typeof root === 'string') {
      try {
        JSON.parse(root);
      } catch {
        return 'The form data in this request is broken (its first part is not JSON).';
      }
    }
    return null;
  }
  if (!isFetch) return null;
  try {
    JSON.parse(buffer.toString('utf8'));
  } catch {
    return 'The body of this request is not JSON.';
  }
  return null;
}

/**
 * Reads and checks a server action's body. Returns null when Next.js may go on (the body put back),
 * 'gone' when the client left before sending it all, or the refusal to answer with.
 * @returns {Promise<null | 'gone' | { status: number, messageId: string, text: string }>}
 */
export async function checkActionBody(req) {
  const buffer = await readBody(req, ACTION_BODY_LIMIT);
  if (buffer === undefined) return 'gone';
  if (buffer === null) {
    return { status: 413, messageId: 'PAYLOAD_TOO_LARGE', text: `The request is larger than ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  }
  const problem = await fault(buffer, String(req.headers['content-type'] || ''), Boolean(req.headers['next-action']));
  if (problem) return { status: 400, messageId: 'BAD_REQUEST', text: problem };
  replaceBody(req, buffer);
  return null;
}
