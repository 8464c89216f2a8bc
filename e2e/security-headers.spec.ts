import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { PASSWORD, ROLES, storageState, unique } from './fixtures';

// Issue 14, findings 3 and 4: browser security headers on every response (lib/http/security-headers.mjs),
// the pages working under their Content-Security-Policy, and a server action posted from another
// site refused with a 403 (proxy.ts) instead of Next.js's 500.

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** node:http, so nothing adds or rewrites headers on the way (Origin above all). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  const url = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

function expectFixedHeaders(r: Raw, what: string) {
  expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  expect(r.headers['x-frame-options'], what).toBe('DENY');
  expect(r.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  const permissions = String(r.headers['permissions-policy']);
  for (const feature of ['camera', 'microphone', 'geolocation']) expect(permissions, what).toContain(`${feature}=()`);
  const csp = directives(String(r.headers['content-security-policy']));
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  // Served over plain http here: no HSTS.
  expect(r.headers['strict-transport-security'], what).toBeUndefined();
  return csp;
}

/** A document's policy: scripts by this response's nonce only, and every script in it carries that nonce. */
function expectPagePolicy(r: Raw, what: string) {
  const csp = expectFixedHeaders(r, what);
  const scriptSrc = csp.get('script-src') ?? [];
  expect(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect(scriptSrc, what).not.toContain("'unsafe-eval'");
  const nonce = scriptSrc.map((s) => /^'nonce-(.+)'$/.exec(s)?.[1]).find(Boolean);
  expect(nonce, `${what}: script-src ${scriptSrc.join(' ')}`).toBeTruthy();
  expect(csp.get('connect-src'), what).toEqual(["'self'"]);
  const scripts = [...r.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, what).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce!;
}

test.describe('security headers', () => {
  test('a page carries a nonce policy, fresh on every response, that its scripts match', async () => {
    const first = await raw('GET', '/signin');
    expect(first.status).toBe(200);
    const nonce = expectPagePolicy(first, 'GET /signin');
    const second = await raw('GET', '/signin');
    expect(expectPagePolicy(second, 'GET /signin again')).not.toBe(nonce);

    // The API reference is a page too (it used to be built ahead, without a nonce).
    const docs = await raw('GET', '/ccaas/docs');
    expect(docs.status).toBe(200);
    expectPagePolicy(docs, 'GET /ccaas/docs');
  });

  test('a page that does not exist is a 404 under the same policy', async () => {
    const r = await raw('GET', `/no-such-page-${unique()}`);
    expect(r.status).toBe(404);
    expectPagePolicy(r, 'GET a missing page');
  });

  test('API answers, the event stream and static files carry the headers and a policy that loads nothing', async () => {
    const page = await raw('GET', '/signin');
    const asset = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset, 'a script file on the sign-in page').toBeTruthy();
    const cases: [string, string, number][] = [
      ['GET', '/ccaas/1/conversations', 401], // the API, no key
      ['GET', '/ccaas/1/openapi.json', 200],
      ['GET', `/ccaas/1/no-such-thing-${unique()}`, 404],
      ['GET', '/api/events', 401], // the live stream, signed out
      ['GET', '/api/auth/csrf', 200], // next-auth
      ['GET', asset!, 200],
      ['GET', '/_next/static/no-such-file.js', 404],
    ];
    for (const [method, path, status] of cases) {
      const r = await raw(method, path);
      const what = `${method} ${path}`;
      expect(r.status, what).toBe(status);
      const csp = expectFixedHeaders(r, what);
      expect(csp.get('default-src'), what).toEqual(["'none'"]);
    }
  });

  test('the answers scripts/server.mjs writes itself carry them too', async () => {
    const cases: [string, string, number][] = [
      ['TRACE', '/ccaas/1/conversations', 405],
      ['DELETE', '/ccaas/1/conversations', 405],
      ['GET', '/ccaas/1/conversations/%ff', 400],
    ];
    for (const [method, path, status] of cases) {
      const r = await raw(method, path);
      const what = `${method} ${path}`;
      expect(r.status, what).toBe(status);
      expect(JSON.parse(r.body).requestError.serviceException.messageId, what).toBeTruthy();
      expect(expectFixedHeaders(r, what).get('default-src'), what).toEqual(["'none'"]);
    }
  });

  test('HSTS only when a proxy says the request came over https', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    for (const [method, path] of [['GET', '/signin'], ['GET', '/ccaas/1/conversations'], ['TRACE', '/ccaas/1/conversations']]) {
      const r = await raw(method, path, https);
      expect(r.headers['strict-transport-security'], `${method} ${path}`).toMatch(/^max-age=\d{7,}/);
    }
    const page = await raw('GET', '/signin', https);
    expect(directives(String(page.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
  });
});

/** Records what the page's Content-Security-Policy refused, from before its first script. */
async function watchPolicy(page: Page): Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(m.text())) refused.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => refused.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return refused;
}

test.describe('the console under its policy', () => {
  test('signing in through the form works and nothing is refused', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const refused = await watchPolicy(page);
    await page.goto('/signin');
    await page.getByLabel('Email').fill(ROLES.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    // The button waits for the page's script: enabled means the script ran under the policy.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('current-user')).toContainText(ROLES.admin.name);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    expect(refused).toEqual([]);
    await context.close();
  });

  test.describe('as an admin', () => {
    test.use({ storageState: storageState('admin') });

    test('every page hydrates, keeps its live stream and loads nothing the policy refuses', async ({ page }) => {
      test.setTimeout(90_000);
      const refused = await watchPolicy(page);
      for (const path of ['/inbox', '/dashboard', '/queues', '/routes', '/inboxes', '/people', '/working-hours']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
        // Live: the script ran and the EventSource (connect-src 'self') is open.
        await expect(page.getByTestId('live-status'), path).toHaveAttribute('data-status', 'live');
      }
      // A conversation, reached through the inbox's own link (client-side navigation).
      await page.goto('/inbox');
      await page.getByTestId('conversation-row').first().getByRole('link').first().click();
      await expect(page).toHaveURL(/\/inbox\/[^/?]+/);
      await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');

      await page.goto('/ccaas/docs');
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(refused).toEqual([]);
    });
  });
});

test.describe('server actions from another site', () => {
  test.use({ storageState: storageState('supervisor') });

  test('a foreign, a null or a malformed Origin gets a 403 and changes nothing; the same request from here works', async ({ page }) => {
    // A real action, captured as the browser sends it: creating a queue on the Queues page.
    const name = `CSRF probe ${unique()}`;
    await page.goto('/queues');
    const form = page.getByRole('form', { name: 'Create a queue' });
    // The queue's name picks it out from other actions the page calls (its lists are fetched by actions too).
    const sent = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action'] && !!r.postData()?.includes(name));
    await form.getByLabel('New queue name').fill(name);
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByRole('status')).toHaveText(`Queue “${name}” created.`);
    const action = await sent;
    const body = action.postDataBuffer()!.toString('utf8');
    expect(body).toContain(name);
    const headers: Record<string, string> = {};
    for (const h of ['next-action', 'content-type', 'accept', 'next-router-state-tree']) {
      const v = action.headers()[h];
      if (v) headers[h] = v;
    }
    const replay = (origin: string | undefined, queueName: string) =>
      page.request.post(action.url(), {
        headers: { ...headers, ...(origin !== undefined && { origin }) },
        data: body.replaceAll(name, queueName),
        maxRedirects: 0,
      });

    const refusedNames: string[] = [];
    for (const origin of ['https://evil.example', 'null', 'not an origin', 'http://127.0.0.1.evil.example']) {
      const queueName = `${name} from ${refusedNames.length}`;
      refusedNames.push(queueName);
      const res = await replay(origin, queueName);
      expect(res.status(), `Origin: ${origin}`).toBe(403);
      expect(res.headers()['content-type']).toContain('application/json');
      const text = (await res.json()).requestError.serviceException.text as string;
      expect(text, `Origin: ${origin}`).toMatch(/refused/);
    }

    // The same request with this site's Origin is a working action: it was the Origin that was refused.
    const accepted = `${name} accepted`;
    const ok = await replay(new URL(BASE_URL).origin, accepted);
    expect(ok.status()).toBe(200);

    await page.reload();
    await expect(page.getByRole('heading', { name: accepted, exact: true })).toBeVisible();
    for (const refusedName of refusedNames) await expect(page.getByRole('heading', { name: refusedName, exact: true })).toHaveCount(0);
  });

  test('a server action whose body cannot be decoded gets a 400 (a too large one a 413), never a 500, and changes nothing', async ({ page }) => {
    const name = `Broken body probe ${unique()}`;
    await page.goto('/queues');
    const form = page.getByRole('form', { name: 'Create a queue' });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action'] && !!r.postData()?.includes(name));
    await form.getByLabel('New queue name').fill(name);
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByRole('status')).toHaveText(`Queue “${name}” created.`);
    const action = await sent;
    const origin = new URL(BASE_URL).origin;
    const post = (contentType: string, data: string | Buffer) =>
      page.request.post(action.url(), {
        headers: { 'next-action': action.headers()['next-action'], accept: 'text/x-component', origin, 'content-type': contentType },
        data,
        maxRedirects: 0,
      });
    const probes: [string, string, string | Buffer, number, RegExp][] = [
      ['text that is not JSON', 'text/plain;charset=UTF-8', `not json ${name} 1`, 400, /not JSON/],
      ['a multipart body with a broken boundary', 'multipart/form-data; boundary=----nope', `garbage ${name} 2`, 400, /broken/],
      [
        'a multipart body whose first part is not JSON',
        'multipart/form-data; boundary=----b',
        `------b\r\nContent-Disposition: form-data; name="0"\r\n\r\n{"name": "${name} 3"\r\n------b--\r\n`,
        400,
        /not JSON/,
      ],
      ['arguments that are not a list', 'text/plain;charset=UTF-8', `{"name": "${name} 4"}`, 400, /not a list of arguments/],
      ['a reference to a part the body does not have', 'text/plain;charset=UTF-8', '["$Q1"]', 400, /refers to a part it does not have/],
      [
        'a forged multipart body React refuses to decode',
        'multipart/form-data; boundary=----b',
        '------b\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$Q1"]\r\n------b\r\nContent-Disposition: form-data; name="1"\r\n\r\n[]\r\n------b--\r\n',
        400,
        /could not be read/,
      ],
      ['a body over 1 MB', 'text/plain;charset=UTF-8', Buffer.alloc(1024 * 1024 + 10, 'a'), 413, /larger than 1 MB/],
    ];
    for (const [what, contentType, data, status, text] of probes) {
      const res = await post(contentType, data);
      expect(res.status(), what).toBe(status);
      expect(res.headers()['content-type'], what).toContain('application/json');
      expect((await res.json()).requestError.serviceException.text, what).toMatch(text);
    }
    // A form posted before hydration (no Next-Action header) with a broken body: 400 as well.
    const mpa = await raw('POST', '/queues', { Origin: origin, 'Content-Type': 'multipart/form-data; boundary=----nope' }, 'garbage');
    expect(mpa.status).toBe(400);
    expectFixedHeaders(mpa, 'POST /queues with a broken form');

    // The action still works when its body is good: the check hands the body on unchanged.
    const good = await post(action.headers()['content-type'], action.postDataBuffer()!.toString('utf8').replaceAll(name, `${name} again`));
    expect(good.status()).toBe(200);
    await page.reload();
    await expect(page.getByRole('heading', { name: `${name} again`, exact: true })).toBeVisible();
    for (const n of [1, 2, 3, 4]) await expect(page.getByRole('heading', { name: `${name} ${n}`, exact: true })).toHaveCount(0);
  });

  test('a form posted from another site (no Next-Action header) gets a 403 too', async () => {
    const boundary = '----probe';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="$ACTION_ID_0000000000000000000000000000000000000000"\r\n\r\n\r\n--${boundary}--\r\n`;
    const r = await raw('POST', '/queues', { Origin: 'https://evil.example', 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).requestError.serviceException.messageId).toBe('FORBIDDEN');
    expectFixedHeaders(r, 'POST /queues from another site');
  });
});
