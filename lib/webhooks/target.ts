import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Sending one webhook request. An admin's URL must not become a way into the internal network
 * (SSRF): the host is resolved here, every address it resolves to must be public, and the request
 * connects to the address that was checked (the socket's lookup is pinned to it), so a DNS answer
 * that changes between the check and the connect cannot slip a private address in. Redirects are
 * never followed (a 3xx is a failed attempt). WEBHOOK_ALLOW_PRIVATE=1 lifts the address rule for
 * tests and for a receiver beside the demo (examples/auth-bot).
 */

export const TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1000;

const blocked = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net4, bits, 'ipv4');
for (const [net6, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const)
  blocked.addSubnet(net6, bits, 'ipv6');

/** Whether an address is loopback, private, link-local, reserved or multicast (IPv4-mapped and NAT64 forms included). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // ::ffff:10.0.0.1 and 64:ff9b::10.0.0.1 reach the IPv4 address they carry.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (embedded) return blocked.check(embedded, 'ipv4');
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const n = (parseInt(mapped[1], 16) << 16) | parseInt(mapped[2], 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

export function privateTargetsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WEBHOOK_ALLOW_PRIVATE === '1';
}

export class TargetRefused extends Error {}

/** The address to connect to: the first the host resolves to, when every one is public (or private ones are allowed). */
export async function resolveTarget(url: URL, allowPrivate = privateTargetsAllowed()): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.promises.lookup(host, { all: true, verbatim: true });
  if (!found.length) throw new TargetRefused(`${host} does not resolve.`);
  if (!allowPrivate) {
    const bad = found.find((a) => isPrivateAddress(a.address));
    if (bad) throw new TargetRefused(`${host} resolves to ${bad.address}, a private or loopback address; webhooks only go to public addresses (WEBHOOK_ALLOW_PRIVATE=1 allows others).`);
  }
  return found[0];
}

export type SendResult = { statusCode: number | null; latencyMs: number; excerpt: string | null; error: string | null; ok: boolean };

/** POSTs `body` with `headers`; never throws: a refusal, a timeout or a network error is a failed result. */
export async function send(rawUrl: string, body: string, headers: Record<string, string>, { timeoutMs = TIMEOUT_MS, allowPrivate = privateTargetsAllowed() } = {}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  let target: { address: string; family: number };
  try {
    url = new URL(rawUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefused('Only http and https URLs are called.');
    target = await resolveTarget(url, allowPrivate);
  } catch (e) {
    return { statusCode: null, latencyMs: elapsed(), excerpt: null, ok: false, error: e instanceof TargetRefused ? e.message : `Cannot resolve the host: ${(e as Error).message}` };
  }
  return new Promise<SendResult>((resolve) => {
    const done = (r: Omit<SendResult, 'latencyMs' | 'ok'>) => {
      clearTimeout(timer);
      resolve({ ...r, latencyMs: elapsed(), ok: r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300 });
    };
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Switchboard-Webhooks/1' },
      // Connect to the checked address, whatever DNS says now; TLS still checks the host's name.
      lookup: (_host, opts, cb) => {
        if ((opts as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
        else cb(null, target.address, target.family);
      },
    });
    // One budget for the whole exchange, a slow body included.
    const timer = setTimeout(() => {
      request.destroy();
      done({ statusCode: null, excerpt: null, error: `No answer within ${timeoutMs / 1000} s.` });
    }, timeoutMs);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) res.destroy();
      });
      const finish = () => done({ statusCode: res.statusCode ?? null, excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') || null, error: null });
      res.on('end', finish);
      res.on('close', finish);
    });
    request.on('error', (e) => done({ statusCode: null, excerpt: null, error: `Request failed: ${e.message}`.slice(0, 500) }));
    request.end(body);
  });
}
