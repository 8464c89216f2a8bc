import http from 'node:http';
import { expect, test } from '@playwright/test';
import { BASE_URL } from '../playwright.config';

// What Next.js would answer before any route code runs (an empty 405, a text/plain 500), answered
// by scripts/server.mjs in the API's error envelope. Sent with node:http so that nothing rewrites
// the method or the path on the way.

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const url = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function envelope(r: Raw, messageId: string) {
  expect(r.headers['content-type']).toContain('application/json');
  expect(JSON.parse(r.body)).toMatchObject({ requestError: { serviceException: { messageId, text: expect.any(String) } } });
}

test('a method the path does not have is a 405 in the envelope, with Allow', async () => {
  const r = await raw('DELETE', '/ccaas/1/conversations');
  expect(r.status).toBe(405);
  envelope(r, 'METHOD_NOT_ALLOWED');
  expect(r.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);

  const tag = await raw('PUT', '/ccaas/1/conversations/abc/tags/vip');
  expect(tag.status).toBe(405);
  expect(tag.headers.allow).toBe('DELETE, OPTIONS');
});

test('TRACE and other unknown methods are a 405 in the envelope, unauthenticated or not', async () => {
  for (const method of ['TRACE', 'PROPFIND']) {
    const r = await raw(method, '/ccaas/1/conversations');
    expect(r.status, method).toBe(405);
    envelope(r, 'METHOD_NOT_ALLOWED');
    expect(r.headers.allow).toContain('GET');
  }
});

test('a broken percent-escape in the path is a 400 in the envelope', async () => {
  const r = await raw('GET', '/ccaas/1/conversations/%ff');
  expect(r.status).toBe(400);
  envelope(r, 'BAD_REQUEST');
  // A well-formed path still reaches the API (401 without a key).
  const ok = await raw('GET', '/ccaas/1/conversations/%41');
  expect(ok.status).toBe(401);
  envelope(ok, 'UNAUTHORIZED');
});

test('a sign-in request whose JSON body is broken is a 400 in the envelope, not next-auth’s 500', async () => {
  const r = await raw('POST', '/api/auth/callback/credentials', { 'Content-Type': 'application/json' }, '{"email": "ana@example.com",');
  expect(r.status).toBe(400);
  envelope(r, 'BAD_REQUEST');
  // The form the sign-in page posts still reaches next-auth (which answers a missing CSRF token with a redirect).
  const form = await raw('POST', '/api/auth/callback/credentials', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'email=x');
  expect(form.status).toBeLessThan(400);
});
