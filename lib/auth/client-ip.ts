/**
 * The client address for throttling, from a request's headers. scripts/server.mjs (npm start,
 * npm run dev, the e2e and bench servers) overwrites X-Forwarded-For with one address taken from
 * the socket, or from TRUSTED_PROXY's hops, before Next.js sees the request. Served any other way
 * the header is the client's to choose; its right-most entry is then at least the one a proxy in
 * front would have appended.
 */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]);
  const fwd = get('x-forwarded-for');
  const last = typeof fwd === 'string' ? fwd.split(',').at(-1)?.trim() : undefined;
  const real = get('x-real-ip');
  return last || (typeof real === 'string' ? real.trim() : '') || 'unknown';
}
