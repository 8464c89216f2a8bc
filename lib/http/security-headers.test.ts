import { describe, expect, it } from 'vitest';
import { foreignOriginRefusal, isHttps, newNonce, pageCsp } from './security-headers.mjs';

describe('pageCsp', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('allows scripts by nonce only, never inline ones', () => {
    const d = directives(pageCsp({ nonce: 'abc123==' }));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it('adds eval only for next dev, and the https upgrade only over https', () => {
    expect(directives(pageCsp({ nonce: 'n', dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(pageCsp({ nonce: 'n', https: true })).has('upgrade-insecure-requests')).toBe(true);
  });

  it('makes a different nonce each time, in the form Next.js reads from the header', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe('isHttps', () => {
  it('reads the first X-Forwarded-Proto entry', () => {
    expect(isHttps('https')).toBe(true);
    expect(isHttps('https, http')).toBe(true);
    expect(isHttps('http')).toBe(false);
    expect(isHttps('http, https')).toBe(false);
    expect(isHttps(undefined)).toBe(false);
  });
});

describe('foreignOriginRefusal', () => {
  const host = 'switchboard.example:3000';

  it('lets the same origin through, by Host or by a proxy’s X-Forwarded-Host', () => {
    expect(foreignOriginRefusal({ origin: `http://${host}`, host })).toBeNull();
    expect(foreignOriginRefusal({ origin: 'https://console.example', host: '127.0.0.1:3000', forwardedHost: 'console.example, other' })).toBeNull();
    expect(foreignOriginRefusal({ origin: 'https://CONSOLE.example', host: 'console.example' })).toBeNull();
    expect(foreignOriginRefusal({ origin: 'https://public.example', host, extraOrigins: ['https://public.example/'] })).toBeNull();
  });

  it('lets a request with no Origin through, as Next.js does', () => {
    expect(foreignOriginRefusal({ origin: null, host })).toBeNull();
    expect(foreignOriginRefusal({ origin: '', host })).toBeNull();
  });

  it('refuses a foreign, a null and a malformed Origin', () => {
    expect(foreignOriginRefusal({ origin: 'https://evil.example', host })).toMatch(/another site/);
    expect(foreignOriginRefusal({ origin: "https://switchboard.example.evil.example:3000", host })).toMatch(/another site/);
    expect(foreignOriginRefusal({ origin: 'null', host })).toMatch(/Origin: null/);
    expect(foreignOriginRefusal({ origin: 'not a url', host })).toMatch(/not an origin/);
    expect(foreignOriginRefusal({ origin: 'https://evil.example', host: null })).toMatch(/another site/);
    expect(foreignOriginRefusal({ origin: 'https://evil.example', host, extraOrigins: ['not a url'] })).toMatch(/another site/);
  });
});
