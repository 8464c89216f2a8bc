import { DomainError } from '../domain/errors';

const MAX_BODY = 256 * 1024;

/** The JSON body, or a 400 that says what is wrong with it. */
export async function readJson(req: Request): Promise<unknown> {
  // The content type is not enforced: curl -d sends JSON labelled as a form, and that should work.
  const text = await req.text();
  if (text.length > MAX_BODY) throw new DomainError('BAD_REQUEST', 'Request body is too large.', { '(body)': ['At most 256 KB.'] });
  if (!text.trim()) throw new DomainError('BAD_REQUEST', 'Request body is missing.', { '(body)': ['Expected a JSON object.'] });
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('BAD_REQUEST', 'Malformed JSON.', { '(body)': ['The body is not valid JSON.'] });
  }
}

/** Query parameters, repeated ones as arrays (`?queueIds=a&queueIds=b`). */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
