// A light closed-loop HTTP load generator for the benches: N loops, each sending its next request
// as soon as the previous one answered. The client shares the machine's 2 cores with the server
// and the database, so it is node:http with a keep-alive Agent (one socket per loop) and no
// response parsing unless asked — less CPU per request than fetch (undici) in Node 20.
import http from 'node:http';

export type LoadResult = {
  /** Requests finished in the window (answered or failed). */
  count: number;
  /** Non-2xx answers, timeouts and connection errors. */
  errors: number;
  status5xx: number;
  /** Successful (2xx) requests per second over the window. */
  rps: number;
  /** Latency percentiles in ms over all finished requests (a timeout counts with its full wait). */
  p50: number;
  p99: number;
  max: number;
  elapsedMs: number;
  /** Every latency, for aggregating several rounds. */
  latencies: number[];
  /** The first few error descriptions, to say what went wrong. */
  sampleErrors: string[];
};

/**
 * Runs `connections` loops for `durationMs`; each calls `request(seq)` with a sequence number
 * unique in this run (0, 1, 2, …), awaits it, and goes again. A request in flight when the time
 * is up is still awaited and counted, so the window is a little longer than `durationMs`.
 */
export async function runLoad(opts: { connections: number; durationMs: number; request: (i: number) => Promise<{ status: number }> }): Promise<LoadResult> {
  const latencies: number[] = [];
  const sampleErrors: string[] = [];
  let seq = 0;
  let errors = 0;
  let status5xx = 0;
  const started = performance.now();
  const end = started + opts.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const i = seq++;
      const t0 = performance.now();
      try {
        const { status } = await opts.request(i);
        latencies.push(performance.now() - t0);
        if (status < 200 || status >= 300) {
          errors++;
          if (status >= 500) status5xx++;
          if (sampleErrors.length < 5) sampleErrors.push(`HTTP ${status}`);
        }
      } catch (e) {
        latencies.push(performance.now() - t0);
        errors++;
        if (sampleErrors.length < 5) sampleErrors.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
  const elapsedMs = performance.now() - started;
  const s = summarize(latencies);
  return { count: latencies.length, errors, status5xx, rps: ((latencies.length - errors) * 1000) / elapsedMs, ...s, elapsedMs, latencies, sampleErrors };
}

/** p50, p99 and max of latencies in ms (nearest rank). */
export function summarize(latencies: number[]): { p50: number; p99: number; max: number } {
  if (!latencies.length) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Several rounds against one target taken together: requests and time add up, percentiles over all latencies. */
export function combine(results: LoadResult[]): LoadResult {
  const latencies = results.flatMap((r) => r.latencies);
  const count = results.reduce((n, r) => n + r.count, 0);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  return {
    count,
    errors,
    status5xx: results.reduce((n, r) => n + r.status5xx, 0),
    rps: elapsedMs ? ((count - errors) * 1000) / elapsedMs : 0,
    ...summarize(latencies),
    elapsedMs,
    latencies,
    sampleErrors: results.flatMap((r) => r.sampleErrors).slice(0, 5),
  };
}

export type HttpAnswer = { status: number; body: string; json<T = unknown>(): T };

export type HttpClient = {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  get(path: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Closes the idle keep-alive sockets. */
  close(): void;
};

/**
 * JSON over HTTP/1.1 keep-alive, at most `connections` sockets. Every request gives up after
 * `timeoutMs` (default 30 s) with an error. `headers` go with every request (e.g. Authorization).
 */
export function createHttpClient(baseUrl: string, connections: number, opts: { headers?: Record<string, string>; timeoutMs?: number } = {}): HttpClient {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const request = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port || 80,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...opts.headers,
            ...headers,
            ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text, json: <T>() => JSON.parse(text) as T });
          });
          res.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
          });
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(payload);
    });
  return {
    request,
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body, headers),
    close: () => agent.destroy(),
  };
}
