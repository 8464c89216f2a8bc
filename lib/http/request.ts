import { DomainError } from '../domain/errors';

const MAX_BODY = 256 * 1024;

/** The JSON body, or a 400 that says what is wrong with it. */
export async function readJson(req: Request): Promise<unknown> {
  // The content type is not enforced: curl -d sends JSON labelled as a form, and that should work.
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The client went away mid-body (aborted, timed out): nobody reads this answer, but it is theirs, not ours.
    throw new DomainError('BAD_REQUEST', 'The request body could not be read.', { '(body)': ['The connection closed before the body arrived.'] });
  }
  if (text.length > MAX_BODY) throw new DomainError('BAD_REQUEST', 'Request body is too large.', { '(body)': ['At most 256 KB.'] });
  if (!text.trim()) throw new DomainError('BAD_REQUEST', 'Request body is missing.', { '(body)': ['Expected a JSON object.'] });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('BAD_REQUEST', 'Malformed JSON.', { '(body)': ['The body is not valid JSON.'] });
  }
  const fault = storageFault(value);
  if (fault) throw new DomainError('BAD_REQUEST', 'Request is invalid.', { [fault.at || '(body)']: [fault.message] });
  return value;
}

// Valid JSON can still fail later as a 500: PostgreSQL stores no NUL character (text or jsonb) and
// no lone UTF-16 surrogate in jsonb, and JSON.stringify (idempotency hash, attribute limits, the
// database driver) overflows the stack on a few thousand levels of nesting that JSON.parse accepts.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 100;
export const UNSTORABLE_MESSAGE = 'Contains a NUL character or a broken Unicode sequence.';

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** Where (`customer.attributes.x`, `tags.1`; '' for the body itself) and why the body cannot be stored. */
function storageFault(value: unknown): { at: string; message: string } | undefined {
  // Iterative, so that the check itself cannot overflow the stack.
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string' && !isStorableText(v)) return { at, message: UNSTORABLE_MESSAGE };
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return { at, message: `Nested too deeply (at most ${MAX_DEPTH} levels).` };
    for (const [k, child] of Object.entries(v)) {
      const here = at ? `${at}.${k}` : k;
      if (!isStorableText(k)) return { at: here, message: UNSTORABLE_MESSAGE };
      stack.push([child, here, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Query parameters, repeated ones as arrays (`?queueIds=a&queueIds=b`). An empty one (`?orderBy=`)
 * is absent, as clients that fill a template with blanks mean it.
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    if (v === '') continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
