import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../test/webhook-receiver';
import { isPrivateAddress, send } from './target';
import { signatureHeader, verifySignature } from './signature';
import { retryDelay } from './worker';

describe('webhook targets', () => {
  it('counts loopback, private, link-local, CGNAT, multicast and their IPv6 forms as private', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.16.4.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::10.0.0.1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });

  describe('sending', () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    beforeAll(async () => {
      receiver = await startReceiver((r) => (r.path === '/moved' ? 302 : 200));
    });
    afterAll(() => receiver.close());

    it('refuses a host that resolves to a loopback address by default, before connecting', async () => {
      const url = receiver.url('/x').replace('127.0.0.1', 'localhost');
      const refused = await send(url, '{}', {}, { allowPrivate: false });
      expect(refused).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/private or loopback/) });
      expect(receiver.received).toHaveLength(0);
      expect(await send(url, '{}', {}, { allowPrivate: true })).toMatchObject({ ok: true, statusCode: 200, excerpt: 'ok' });
    });

    it('does not follow redirects', async () => {
      const r = await send(receiver.url('/moved'), '{}', {}, { allowPrivate: true });
      expect(r).toMatchObject({ ok: false, statusCode: 302 });
      expect(receiver.received.map((x) => x.path)).not.toContain('/elsewhere');
    });

    it('gives up after the timeout', async () => {
      const net = await import('node:net');
      const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
      await new Promise((r) => silent.once('listening', r));
      const port = (silent.address() as { port: number }).port;
      const r = await send(`http://127.0.0.1:${port}/`, '{}', {}, { allowPrivate: true, timeoutMs: 200 });
      expect(r).toMatchObject({ ok: false, error: 'No answer within 0.2 s.' });
      silent.close();
    });
  });

  it('signs "<t>.<body>" and verifies only the same body, secret and a recent time', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const header = signatureHeader('whsec_a', '{"x":1}', at);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_a', '{"x":1}', header, { now: at })).toBe(true);
    expect(verifySignature('whsec_a', '{"x":2}', header, { now: at })).toBe(false);
    expect(verifySignature('whsec_b', '{"x":1}', header, { now: at })).toBe(false);
    expect(verifySignature('whsec_a', '{"x":1}', header, { now: new Date(at.getTime() + 3_600_000) })).toBe(false);
  });

  it('backs off exponentially with jitter, up to the maximum', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 60_000, pauseAfter: 20, now: () => new Date() };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, o, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(3, o, () => 0)).toBe(2000);
    expect(retryDelay(30, o, () => 1)).toBe(60_000);
  });
});
