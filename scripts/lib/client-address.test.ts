import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyClientAddress, clientAddress, normalizeAddress, parseTrustedProxies } from './client-address.mjs';

const none = parseTrustedProxies(undefined);

describe('the client address scripts/server.mjs hands to Next.js', () => {
  it('without TRUSTED_PROXY is the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1', none)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', ['9.9.9.9', '8.8.8.8'], none)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, none)).toBe('203.0.113.9');
    expect(clientAddress('2001:DB8::1', 'junk', none)).toBe('2001:db8::1');
    expect(clientAddress(undefined, '1.1.1.1', none)).toBe('unknown');
  });

  it('with TRUSTED_PROXY naming the peer is the right-most hop that is not a trusted proxy', () => {
    const trusted = parseTrustedProxies(' 10.0.0.5 , 10.1.0.0/16,fd00::/8');
    expect(trusted.size).toBe(3);
    // The client wrote "6.6.6.6"; our proxy appended the address it saw.
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7', trusted)).toBe('198.51.100.7');
    // Two of our proxies in a row.
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(clientAddress('fd00::1', '[2001:db8::7]:443', trusted)).toBe('2001:db8::7');
    expect(clientAddress('10.0.0.5', '198.51.100.7:5123', trusted)).toBe('198.51.100.7');
    // No header, or only our proxies: the left-most of ours.
    expect(clientAddress('10.0.0.5', undefined, trusted)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '10.1.9.9', trusted)).toBe('10.1.9.9');
    // The proxy wrote nonsense as the last hop: the proxy is the best we know.
    expect(clientAddress('10.0.0.5', '6.6.6.6, not-an-ip', trusted)).toBe('10.0.0.5');
    // A peer that is not one of ours is believed as itself, header or not.
    expect(clientAddress('10.0.0.6', '198.51.100.7', trusted)).toBe('10.0.0.6');
  });

  it('refuses a TRUSTED_PROXY entry that is no address or range', () => {
    for (const bad of ['10.0.0.300', '10.0.0.0/33', 'proxy.internal', '10.0.0.0/', 'fd00::/129']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXY: ".*" is not an IP address or a CIDR range/);
    }
    expect(parseTrustedProxies('').size).toBe(0);
  });

  it('normalizes addresses and rejects what is not one', () => {
    expect(normalizeAddress('[::1]:3000')).toBe('::1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('1.2.3')).toBeNull();
    expect(normalizeAddress(42)).toBeNull();
  });
});

describe('applyClientAddress on a real socket', () => {
  let server: http.Server;
  let trusted = none;
  let port = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      applyClientAddress(req, trusted);
      res.end(JSON.stringify({ xff: req.headers['x-forwarded-for'], real: req.headers['x-real-ip'], forwarded: req.headers.forwarded ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = async (headers: Record<string, string>) => (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();

  it('rotating X-Forwarded-For without TRUSTED_PROXY gives every request the same address', async () => {
    trusted = none;
    const seen = new Set<string>();
    for (let i = 1; i <= 5; i++) {
      const body = await ask({ 'X-Forwarded-For': `198.51.100.${i}`, 'X-Real-IP': `192.0.2.${i}`, Forwarded: `for=192.0.2.${i}` });
      expect(body).toEqual({ xff: '127.0.0.1', real: '127.0.0.1', forwarded: null });
      seen.add(body.xff);
    }
    expect([...seen]).toEqual(['127.0.0.1']);
  });

  it('with the peer trusted, the hop it appended is believed', async () => {
    trusted = parseTrustedProxies('127.0.0.1');
    expect(await ask({ 'X-Forwarded-For': '6.6.6.6, 198.51.100.7' })).toMatchObject({ xff: '198.51.100.7', real: '198.51.100.7' });
  });
});
