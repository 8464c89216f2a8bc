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

// React escapes a string that starts with "$" as "$$…", so an unescaped "$<kind><hex id>" in a reply
// is a reference to another part of the body: a Map, Set, Blob, typed array, stream or outlined
// object whose part must be there (React throws while decoding when it is not). "$K<id>" (form data,
// empty when missing) and "$@<id>" (a promise, never settled when missing) do not throw; "$D…",
// "$n…", "$u", "$T", "$NaN" and the like carry their value and no id.
const REFERENCE = /^\$([FQWBAOoUSsLlGgMmVvRrXxi]?)([0-9a-f]+)$/;

/** The first reference in a decoded reply whose part the body does not have, or null. */
function danglingReference(value, hasPart) {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const m = REFERENCE.exec(v);
      if (m && !hasPart(String(parseInt(m[2], 16)))) return v;
    } else if (v && typeof v === 'object') {
      stack.push(...Object.values(v));
    }
  }
  return null;
}

/** React's reply format: a JSON array (the action's arguments), or form data whose root part "0" is. */
async function fault(buffer, contentType, isFetch) {
  let root;
  let hasPart = () => false;
  if (/^multipart\/form-data\b/i.test(contentType)) {
    let form;
    try {
      form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
    } catch {
      return 'The form data in this request is broken (its parts or boundary cannot be read).';
    }
    // A form posted before hydration is a plain form: Next.js finds its action by field name.
    if (!isFetch) return null;
    root = form.get('0');
    if (typeof root !== 'string') return null;
    hasPart = (id) => form.has(id);
  } else {
    if (!isFetch) return null;
    root = buffer.toString('utf8');
  }
  let args;
  try {
    args = JSON.parse(root);
  } catch {
    return /^multipart\//i.test(contentType) ? 'The form data in this request is broken (its first part is not JSON).' : 'The body of this request is not JSON.';
  }
  if (!Array.isArray(args)) return 'The body of this request is not a list of arguments.';
  const dangling = danglingReference(args, hasPart);
  if (dangling) return `The body of this request refers to a part it does not have (${dangling}).`;
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

/**
 * The last line for a fetch action whose body passed the checks above but that React still could not
 * decode (a forged body breaking its finer rules, such as "Invalid forward reference"): Next.js answers
 * that with a 500. No action of ours throws (the operation registry's runAction turns a failure into a
 * result; signing out catches its own), so a 500 here is a body Next.js could not read: it becomes a
 * 400 (Next.js has logged the error). `answer` writes the envelope with the original methods.
 */
export function refuseUndecodableAction(res, answer) {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let decided = false;
  let swallow = false;
  const decide = () => {
    if (decided) return;
    decided = true;
    if (res.statusCode !== 500 || res.headersSent) return;
    swallow = true;
    const wrapped = { writeHead: res.writeHead, write: res.write, end: res.end };
    Object.assign(res, original);
    for (const h of ['content-length', 'transfer-encoding', 'content-type', 'content-encoding']) res.removeHeader(h);
    answer();
    // What Next.js still writes of its own answer goes nowhere.
    Object.assign(res, wrapped);
  };
  res.writeHead = function writeHead(status, ...rest) {
    if (!decided && status === 500) res.statusCode = 500;
    decide();
    return swallow ? res : original.writeHead.call(res, status, ...rest);
  };
  res.write = function write(...args) {
    decide();
    return swallow ? true : original.write.apply(res, args);
  };
  res.end = function end(...args) {
    decide();
    if (swallow) return res;
    return original.end.apply(res, args);
  };
}
