// The client's address, decided before Next.js sees a request (scripts/server.mjs). Next.js passes
// a client-sent X-Forwarded-For through untouched and fills it from the socket only when it is
// absent, so sign-in throttling that read it would let a client choose its own address. Here the
// header is always overwritten with one address:
//   - the socket's peer, unless TRUSTED_PROXY names it;
//   - when the peer is a trusted proxy, the right-most hop of its X-Forwarded-For that is not
//     itself a trusted proxy (hops to the left of it were written by the client and prove nothing).
// Plain JavaScript: the server runs it with node directly, and the tests import it.
import net from 'node:net';

/** `::ffff:10.0.0.1` → `10.0.0.1`; `[::1]:443` / `1.2.3.4:80` → the address; anything else that is not an IP → null. */
export function normalizeAddress(raw) {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  const zone = s.indexOf('%');
  if (zone > 0 && net.isIPv6(s.slice(0, zone))) s = s.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1];
  const kind = net.isIP(s);
  if (kind === 4) return s;
  if (kind === 6) return s.toLowerCase();
  return null;
}

/**
 * TRUSTED_PROXY: comma-separated addresses or CIDR ranges (`10.0.0.5, 10.1.0.0/16, fd00::/8`).
 * Empty or unset: no proxy is trusted. A bad entry throws, so a typo stops the server at start
 * rather than silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  let size = 0;
  for (const entry of String(value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const slash = entry.indexOf('/');
    const ip = normalizeAddress(slash < 0 ? entry : entry.slice(0, slash));
    const type = ip && net.isIPv6(ip) ? 'ipv6' : 'ipv4';
    const prefix = slash < 0 ? null : entry.slice(slash + 1);
    const max = type === 'ipv6' ? 128 : 32;
    if (!ip || (prefix !== null && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max))) {
      throw new Error(`TRUSTED_PROXY: "${entry}" is not an IP address or a CIDR range (e.g. 10.0.0.5 or 10.0.0.0/8).`);
    }
    if (prefix === null) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
    size++;
  }
  return { size, has: (ip) => ip !== null && list.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4') };
}

/** The address to believe for a request that came from `remoteAddress` carrying `forwardedFor`. */
export function clientAddress(remoteAddress, forwardedFor, trusted) {
  let current = normalizeAddress(remoteAddress);
  if (!current) return 'unknown';
  if (!trusted.size || !trusted.has(current)) return current;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header.split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    // A hop that is no address: our own proxy wrote nonsense; the proxy itself is the best we know.
    if (!hop) return current;
    if (!trusted.has(hop)) return hop;
    current = hop;
  }
  return current; // every hop is one of our proxies
}

/** Overwrites the request's forwarding headers with the one address to believe, and answers it. */
export function applyClientAddress(req, trusted) {
  const address = clientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trusted);
  req.headers['x-forwarded-for'] = address;
  req.headers['x-real-ip'] = address;
  delete req.headers.forwarded;
  return address;
}
