import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP receiver for webhook tests: records every request; `answer` decides each status. */
export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: { id: string; type: string; createdAt: string; data: Record<string, unknown> } };

export async function startReceiver(answer: (r: Received, n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { path: req.url ?? '/', headers: req.headers, body, json: JSON.parse(body) };
      received.push(r);
      res.statusCode = answer(r, received.filter((x) => x.path === r.path).length);
      res.end(res.statusCode < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
