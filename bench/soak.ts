// npm run bench:soak — issue 10, deliverable 3 (SPEC §7 "two instances, faults, 10⁵ conversations
// within 10 minutes; 0 lost, 0 duplicated, 0 double-assigned, 0 × 5xx"). On a scratch PostgreSQL
// database with one inbox of 8 ONLINE agents (bench/lib/bench-data.ts) and no routes or queues:
//
//   - two `next start` instances (bench/lib/app-server.ts) on that one database;
//   - CREATORS (64) closed-loop creators spread over both, POST /ccaas/1/conversations with the
//     inboxId; 10 % send an Idempotency-Key, and of those some are retried on purpose: the same key
//     and body sent to both instances at once, sent again after the answer, or first sent with a
//     client-side timeout (the request is abandoned mid-flight) and then retried; a burst of keyed
//     creates is in flight on instance B when it is SIGKILLed, and is retried on A;
//   - agents 3–8 flip ONLINE/OFFLINE (PUT /ccaas/1/agents/{id}/status ACTIVE/AWAY) about every
//     FLIP_MS (200 ms), agents 1–2 never do, so some agent is ONLINE at all times; every agent
//     heartbeats every 10 s (the presence sweep would show silent agents away, and they would take nothing new);
//   - closers PATCH {"status":"CLOSED"} the created conversations oldest first, keeping between
//     OPEN and 2 × OPEN of them open; creators wait above that, so the open load stays bounded;
//   - at 40 % of the run instance B is SIGKILLed and started again on its port (while it is down
//     its requests get connection errors and go to A: counted, not 5xx);
//   - at the end (SOAK_TARGET conversations or SOAK_MAX_MS − SOAK_STABLE_MS) creates and closes
//     stop, the flips stop with half the flipping agents left OFFLINE, then a stable phase of
//     SOAK_STABLE_MS creates with nothing closed, for the round-robin check.
//
// While it runs it watches for conversations held by an agent whose OFFLINE switch had already
// answered (so its reassignment was done) and who has not been switched back: in create and close
// answers and in an SQL audit of the open conversations every 500 ms. Afterwards it checks with SQL
// what the brief asks (see the "checks" block it prints), stops the app, measures the raw floor
// (bench/lib/raw-floor.ts, in its own process, on a fresh database set up the same way, 64
// connections, SOAK_RAW_MS), prints the figures last and writes a row into README.md's Benchmarks
// table (SKIP_README=1: not). Exit 0 when it ran, whatever it found; 1 only when it crashed.
//
//   SOAK_TARGET (100000)  SOAK_MAX_MS (600000)  SOAK_STABLE_MS (10000)  SOAK_RAW_MS (15000)
//   SOAK_CREATORS (64)  SOAK_CLOSERS (64)  SOAK_OPEN (200)  SOAK_FLIP_MS (200)  SOAK_KEYED (0.1)
//   SOAK_PORT (3740: instances on 3740 and 3741, raw floor on 3742)  SOAK_KEEP_DB=1  SKIP_README=1
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { scratchPostgres, type ScratchDb } from './scratch-db';
import { ensureBuilt, startApp, stopApp, type AppOptions, type AppProcess } from './lib/app-server';
import { createHttpClient, runLoad, type HttpClient, type LoadResult } from './lib/load';
import { spawnRawFloor, type RawFloor } from './lib/raw-floor';
import { createBody, setupBenchInbox, type BenchInbox, type Query } from './lib/bench-data';

const num = (name: string, fallback: number) => {
  const v = process.env[name];
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
};
const TARGET = num('SOAK_TARGET', 100_000);
const MAX_MS = num('SOAK_MAX_MS', 600_000);
const STABLE_MS = num('SOAK_STABLE_MS', 10_000);
const RAW_MS = num('SOAK_RAW_MS', 15_000);
const RAW_WARM_MS = 3_000;
const RAW_CONNECTIONS = 64;
const CREATORS = num('SOAK_CREATORS', 64);
const CLOSERS = num('SOAK_CLOSERS', 64);
const OPEN_LOW = num('SOAK_OPEN', 200);
const OPEN_HIGH = 2 * OPEN_LOW;
const FLIP_MS = num('SOAK_FLIP_MS', 200);
const KEYED = num('SOAK_KEYED', 0.1);
const KILL_AT = 0.4;
const KILL_BURST = 8;
const AGENTS = 8;
const STEADY = 2;
const BASE_PORT = num('SOAK_PORT', 3740);
const PORTS = [BASE_PORT, BASE_PORT + 1];
const RAW_PORT = BASE_PORT + 2;
const REQUEST_TIMEOUT_MS = 60_000;
const HEARTBEAT_MS = 10_000;
const CREATE_PATH = '/ccaas/1/conversations';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const README = path.join(ROOT, 'README.md');
const GOAL_COUNT = 100_000;
const GOAL_MS = 600_000;

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (ms: number) => (ms / 1000).toFixed(1);
const rate = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const other = (i: number) => 1 - i;
const ok = (s: number) => s >= 200 && s < 300;
const log = (s: string) => console.log(s);

// ---------------------------------------------------------------------------------------------
// Tallies

const counts = new Map<string, number>();
const bump = (k: string, n = 1) => counts.set(k, (counts.get(k) ?? 0) + n);
const got = (k: string) => counts.get(k) ?? 0;

/** Problems seen while running, by kind, with a few examples each. */
const problems = new Map<string, { n: number; samples: string[] }>();
function problem(kind: string, detail: string) {
  const p = problems.get(kind) ?? { n: 0, samples: [] };
  p.n++;
  if (p.samples.length < 3) p.samples.push(detail.replace(/\s+/g, ' ').slice(0, 240));
  problems.set(kind, p);
}

/** Wakes the creators and closers waiting on the close queue. */
class Pulse {
  private waiters = new Set<() => void>();
  wake() {
    const w = [...this.waiters];
    this.waiters.clear();
    for (const f of w) f();
  }
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The two instances, as the client sees them

type Outcome =
  | { kind: 'answer'; status: number; body: string; json<T = unknown>(): T }
  | { kind: 'refused' | 'conn' | 'timeout'; error: string };

type KillInfo = { inst: number; at: number; back: number | null; refusedAfter: boolean | null; exitCode: number | null | 'still running'; restartMs: number | null; skipped?: string };

class Cluster {
  readonly clients: HttpClient[];
  private abortClients = new Map<string, HttpClient>();
  kill: KillInfo | null = null;
  constructor(
    readonly urls: string[],
    private readonly apiKey: string,
  ) {
    this.clients = urls.map((u) => createHttpClient(u, 192, { headers: { authorization: `App ${apiKey}` }, timeoutMs: REQUEST_TIMEOUT_MS }));
  }

  /** A client that gives up after `ms` (rounded to a few buckets so there are few of them). */
  private aborting(inst: number, ms: number): HttpClient {
    const bucket = Math.max(2, Math.round(2 ** (Math.round(Math.log2(ms) * 2) / 2)));
    const k = `${inst}:${bucket}`;
    let c = this.abortClients.get(k);
    if (!c) {
      c = createHttpClient(this.urls[inst], 32, { headers: { authorization: `App ${this.apiKey}` }, timeoutMs: bucket });
      this.abortClients.set(k, c);
    }
    return c;
  }

  duringKill(inst: number, t = now()): boolean {
    const k = this.kill;
    return !!k && k.inst === inst && t >= k.at - 50 && (k.back === null || t <= k.back + 2000);
  }

  async send(op: string, inst: number, method: string, p: string, body?: unknown, headers?: Record<string, string>, abortMs?: number): Promise<Outcome> {
    const client = abortMs ? this.aborting(inst, abortMs) : this.clients[inst];
    try {
      const a = await client.request(method, p, body, headers);
      bump(`http ${op} ${a.status}`);
      if (a.status >= 500) {
        bump('5xx');
        problem(`5xx answers (${op})`, `${method} ${p} on :${PORTS[inst]} → ${a.status} ${a.body.slice(0, 200)}`);
      }
      return { kind: 'answer', status: a.status, body: a.body, json: a.json };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const msg = e instanceof Error ? e.message : String(e);
      const kind = code === 'ECONNREFUSED' ? 'refused' : /^timeout after/.test(msg) ? 'timeout' : 'conn';
      if (abortMs && kind === 'timeout') {
        bump('deliberate client-side timeouts');
      } else if (this.duringKill(inst)) {
        bump('conn errors during kill');
        bump(`conn errors during kill: ${kind === 'refused' ? 'refused' : 'in flight'}`);
      } else {
        bump('conn errors outside the kill');
        problem('connection errors outside the kill window', `${op} on :${PORTS[inst]}: ${code ?? ''} ${msg}`);
      }
      return { kind, error: `${code ?? ''} ${msg}`.trim() };
    }
  }

  close() {
    for (const c of this.clients) c.close();
    for (const c of this.abortClients.values()) c.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Agents as the client last set them

type Availability = 'ONLINE' | 'OFFLINE';
type FlipLog = { target: Availability; sent: number; answered: number | null };
type Agent = { id: string; idx: number; steady: boolean; settled: Availability | null; wanted: Availability; epoch: number; busy: boolean; flips: FlipLog[] };

/** Per agent: the epoch of a settled OFFLINE (its switch answered, so its reassignment finished), or -1. */
type Snapshot = number[];

// ---------------------------------------------------------------------------------------------

type Phase = 'main' | 'stable';
type Scenario = 'once' | 'replay' | 'concurrent' | 'abort' | 'kill';
type KeyedRec = {
  key: string;
  topic: string;
  scenario: Scenario;
  ids: Set<string>;
  answers: number;
  lostInFlight: number;
  lostAtKill: boolean;
  aborted: number;
  inflight409: number;
  failed409: number;
  unresolved: string | null;
  firstLossAt: number | null;
};

type CheckLine = { ok: boolean; text: string };

class Soak {
  readonly runId = crypto.randomBytes(3).toString('hex');
  readonly agents: Agent[];
  private readonly byId: Map<string, Agent>;
  private readonly pulse = new Pulse();

  // creates
  private seq = 0;
  readonly topicById = new Map<string, string>();
  readonly idByTopic = new Map<string, string>();
  readonly unknownTopics = new Map<string, string>();
  readonly erroredTopics = new Map<string, string>();
  readonly neverSent = new Set<string>();
  readonly keyed = new Map<string, KeyedRec>();
  readonly stableTopics = new Set<string>();
  createdMain = 0;
  /** createdMain when the create phase ended (answers still arriving after that are not in its rate). */
  createdAtStop = 0;
  createdStable = 0;
  /** Creator time spent waiting for the closers (open load at its bound), summed over creators. */
  waitedMs = 0;
  private ewmaMs = 300;
  readonly createLatencies: number[] = [];

  // closes
  private closeQueue: string[] = [];
  private closeHead = 0;
  closed = 0;

  // watch
  /** Conversation id → where it was seen held by an agent already OFFLINE, and when (epoch ms). */
  readonly heldByOffline = new Map<string, { where: string; agentId: string; at: number }>();
  maxOpen = 0;
  maxOpenStable = 0;
  readonly flips = { ONLINE: 0, OFFLINE: 0, failed: 0 };
  readonly flipLatencies: number[] = [];

  // phases
  tStart = 0;
  mainDeadline = 0;
  hardDeadline = 0;
  tMainStop: number | null = null;
  tStableStart = 0;
  tStableEnd = 0;
  private closersStop = false;
  private flipsStop = false;
  private watchStop = false;
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    readonly cluster: Cluster,
    readonly bench: BenchInbox,
    private readonly sql: pg.Pool,
    private readonly restart: (inst: number) => Promise<void>,
    private readonly killInstance: (inst: number) => Promise<number | null | 'still running'>,
  ) {
    this.agents = bench.agentIds.map((id, idx) => ({ id, idx, steady: idx < STEADY, settled: 'ONLINE', wanted: 'ONLINE', epoch: 0, busy: false, flips: [] }));
    this.byId = new Map(this.agents.map((a) => [a.id, a]));
  }

  agentName(id: string | null | undefined): string {
    if (!id) return 'nobody';
    const a = this.byId.get(id);
    return a ? `agent ${a.idx + 1}` : `unknown agent ${id}`;
  }

  private held(id: string, where: string, agentId: string) {
    if (!this.heldByOffline.has(id)) this.heldByOffline.set(id, { where, agentId, at: Date.now() });
  }

  private snapshot(): Snapshot {
    return this.agents.map((a) => (a.settled === 'OFFLINE' ? a.epoch : -1));
  }

  /** True when the agent was OFFLINE, with its switch answered, from before the snapshot until now. */
  private offlineThroughout(snap: Snapshot, agentId: string | null | undefined): boolean {
    const a = agentId ? this.byId.get(agentId) : undefined;
    if (!a) return false;
    const e = snap[a.idx];
    return e >= 0 && a.settled === 'OFFLINE' && a.epoch === e;
  }

  private mainStopped(): boolean {
    if (this.tMainStop !== null) return true;
    if (this.createdMain >= TARGET || now() >= this.mainDeadline) {
      this.tMainStop = now();
      this.createdAtStop = this.createdMain;
    }
    return this.tMainStop !== null;
  }

  private queueLen() {
    return this.closeQueue.length - this.closeHead;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.background.add(p);
    void p.finally(() => this.background.delete(p)).catch(() => {});
    return p;
  }

  private body(seq: number, phase: Phase) {
    const prefix = `soak ${this.runId} ${phase === 'main' ? 'm' : 's'}`;
    return { ...createBody(seq, { prefix }), topic: `${prefix} ${seq}`, inboxId: this.bench.inboxId };
  }

  // ---- creates ----

  /**
   * `fresh`: the answer is this request's own work, not possibly a replay of an earlier attempt's
   * stored answer (whose agent may be stale), so its agent can be held against the snapshot.
   */
  private onAnswer(topic: string, res: Extract<Outcome, { kind: 'answer' }>, snap: Snapshot, phase: Phase, t0: number, fresh = true): string | null {
    let c: { id?: string; topic?: string; agentId?: string | null };
    try {
      c = res.json();
    } catch {
      problem('create answers that are not JSON', res.body.slice(0, 200));
      return null;
    }
    if (!c.id) {
      problem('create answers without an id', res.body.slice(0, 200));
      return null;
    }
    const prevTopic = this.topicById.get(c.id);
    if (prevTopic !== undefined && prevTopic !== topic) problem('one conversation id answered to two different creates', `${c.id}: "${prevTopic}" and "${topic}"`);
    this.topicById.set(c.id, topic);
    const prevId = this.idByTopic.get(topic);
    if (prevId !== undefined) {
      if (prevId !== c.id) problem('one Idempotency-Key answered with two different conversations', `"${topic}": ${prevId} and ${c.id}`);
      return c.id;
    }
    this.idByTopic.set(topic, c.id);
    if (c.topic !== topic) problem('create answers with another topic than sent', `sent "${topic}", got "${c.topic}"`);
    if (!c.agentId) problem('creates answered without an agent (some agent was ONLINE throughout)', `${c.id} "${topic}"`);
    else if (fresh && this.offlineThroughout(snap, c.agentId)) this.held(c.id, 'create answer', c.agentId);
    const ms = now() - t0;
    this.ewmaMs = 0.95 * this.ewmaMs + 0.05 * ms;
    if (phase === 'main') {
      this.createdMain++;
      if (this.createLatencies.length < 200_000) this.createLatencies.push(ms);
      this.closeQueue.push(c.id);
      this.pulse.wake();
    } else {
      this.createdStable++;
      this.stableTopics.add(topic);
    }
    return c.id;
  }

  /** A create without a key: sent again only when it cannot have arrived (connection refused). */
  private async plainCreate(seq: number, home: number, phase: Phase): Promise<void> {
    const body = this.body(seq, phase);
    const topic = body.topic;
    let inst = home;
    for (let attempt = 0; attempt < 6; attempt++) {
      const snap = this.snapshot();
      const t0 = now();
      const o = await this.cluster.send('create', inst, 'POST', CREATE_PATH, body);
      if (o.kind === 'answer') {
        if (ok(o.status)) {
          this.onAnswer(topic, o, snap, phase, t0);
        } else {
          this.erroredTopics.set(topic, `${o.status}`);
          if (o.status < 500) problem('creates refused with 4xx', `${o.status} ${o.body.slice(0, 200)}`);
        }
        return;
      }
      if (o.kind !== 'refused') {
        // It may or may not have been created; without a key nobody can tell (counted, not retried).
        this.unknownTopics.set(topic, o.error);
        return;
      }
      inst = other(inst);
      if (attempt % 2 === 1) await sleep(100);
    }
    this.neverSent.add(topic);
    bump('creates given up: both instances refused');
  }

  /** Sends a keyed create until it has a definite answer (bounded: 8 attempts, 100 s). */
  private async keyedAttempts(rec: KeyedRec, body: ReturnType<Soak['body']>, start: number, phase: Phase, abortMs?: number): Promise<string | null> {
    const headers = { 'idempotency-key': rec.key };
    const deadline = now() + 100_000;
    let inst = start;
    let last = '';
    for (let attempt = 0; attempt < 8 && now() < deadline; attempt++) {
      const snap = this.snapshot();
      const t0 = now();
      const deliberate = attempt === 0 ? abortMs : undefined;
      const o = await this.cluster.send('create', inst, 'POST', CREATE_PATH, body, headers, deliberate);
      if (o.kind === 'answer') {
        last = `${o.status} ${o.body.slice(0, 160)}`;
        if (ok(o.status)) {
          const id = this.onAnswer(body.topic, o, snap, phase, t0, attempt === 0);
          if (id) {
            rec.ids.add(id);
            rec.answers++;
            return id;
          }
          rec.unresolved = `unusable answer: ${last}`;
          return null;
        }
        if (o.status === 409) {
          if (/still being processed/i.test(o.body)) rec.inflight409++;
          else if (/failed; send it again/i.test(o.body)) rec.failed409++;
          else {
            rec.unresolved = `409 ${o.body.slice(0, 160)}`;
            problem('keyed creates refused as a different request (same key and body were sent)', `${rec.key}: ${o.body.slice(0, 160)}`);
            return null;
          }
          await sleep(200);
          inst = other(inst);
          continue;
        }
        if (o.status >= 500) {
          await sleep(200);
          inst = other(inst);
          continue;
        }
        rec.unresolved = last;
        this.erroredTopics.set(body.topic, `${o.status}`);
        problem('creates refused with 4xx', `${rec.key}: ${last}`);
        return null;
      }
      last = o.error;
      if (o.kind === 'timeout' && deliberate) rec.aborted++;
      else if (o.kind !== 'refused') {
        rec.lostInFlight++;
        rec.firstLossAt ??= now();
        if (this.cluster.duringKill(inst)) rec.lostAtKill = true;
      }
      inst = other(inst);
      if (o.kind === 'refused') await sleep(100);
    }
    rec.unresolved = `no answer after 8 attempts / 100 s; last: ${last}`;
    return null;
  }

  private async keyedCreate(seq: number, home: number, scenario: Scenario, phase: Phase): Promise<void> {
    const body = this.body(seq, phase);
    const rec: KeyedRec = {
      key: `soak-${this.runId}-${seq}`,
      topic: body.topic,
      scenario,
      ids: new Set(),
      answers: 0,
      lostInFlight: 0,
      lostAtKill: false,
      aborted: 0,
      inflight409: 0,
      failed409: 0,
      unresolved: null,
      firstLossAt: null,
    };
    this.keyed.set(body.topic, rec);
    switch (scenario) {
      case 'once':
      case 'kill':
        await this.keyedAttempts(rec, body, home, phase);
        break;
      case 'replay': {
        const id = await this.keyedAttempts(rec, body, home, phase);
        if (id) await this.keyedAttempts(rec, body, other(home), phase);
        break;
      }
      case 'concurrent':
        await Promise.all([this.keyedAttempts(rec, body, home, phase), this.keyedAttempts(rec, body, other(home), phase)]);
        break;
      case 'abort': {
        // Abandoned somewhere between "just sent" and "about to be answered".
        const abortMs = Math.max(2, Math.random() * 1.2 * this.ewmaMs);
        await this.keyedAttempts(rec, body, home, phase, abortMs);
        break;
      }
    }
    if (rec.ids.size > 1) rec.unresolved = `answered with ${rec.ids.size} different conversations`;
  }

  private pickScenario(): Scenario {
    const r = Math.random();
    return r < 0.3 ? 'once' : r < 0.55 ? 'replay' : r < 0.8 ? 'concurrent' : 'abort';
  }

  private async creator(w: number): Promise<void> {
    const home = w % 2;
    while (!this.mainStopped()) {
      const w0 = now();
      for (let k = 0; this.queueLen() >= OPEN_HIGH && !this.mainStopped() && k < 6000; k++) await this.pulse.wait(100);
      this.waitedMs += now() - w0;
      if (this.mainStopped()) break;
      const seq = this.seq++;
      if (Math.random() < KEYED) await this.keyedCreate(seq, home, this.pickScenario(), 'main');
      else await this.plainCreate(seq, home, 'main');
    }
  }

  private async stableCreator(w: number): Promise<void> {
    const home = w % 2;
    while (now() < this.tStableStart + STABLE_MS) await this.plainCreate(this.seq++, home, 'stable');
  }

  // ---- closes ----

  private async closer(w: number): Promise<void> {
    const home = w % 2;
    while (!this.closersStop && now() < this.hardDeadline) {
      if (this.queueLen() <= OPEN_LOW) {
        await this.pulse.wait(100);
        continue;
      }
      const id = this.closeQueue[this.closeHead++];
      this.pulse.wake();
      await this.closeOne(id, home);
    }
  }

  private async closeOne(id: string, home: number): Promise<void> {
    let inst = home;
    for (let attempt = 0; attempt < 5; attempt++) {
      const snap = this.snapshot();
      const o = await this.cluster.send('close', inst, 'PATCH', `${CREATE_PATH}/${id}`, { status: 'CLOSED' });
      if (o.kind === 'answer') {
        if (ok(o.status)) {
          this.closed++;
          const c = o.json<{ status?: string; agentId?: string | null }>();
          if (c.status !== 'CLOSED') problem('close answers that are not CLOSED', o.body.slice(0, 200));
          if (c.agentId && this.offlineThroughout(snap, c.agentId)) this.held(id, 'close answer', c.agentId);
          return;
        }
        if ((o.status === 400 || o.status === 409) && /closed conversation/i.test(o.body)) {
          if (o.status !== 400) bump(`closed conversation refused with ${o.status}`);
          if (attempt > 0) bump('closes already done by an attempt whose answer was lost');
          else problem('conversations already CLOSED at their first close (nobody else closes)', `${id}: ${o.status} ${o.body.slice(0, 160)}`);
          return;
        }
        if (o.status >= 500) {
          inst = other(inst);
          await sleep(100);
          continue;
        }
        problem(o.status === 404 ? 'created conversations the close could not find (404)' : 'closes refused', `${id}: ${o.status} ${o.body.slice(0, 200)}`);
        return;
      }
      inst = other(inst);
      if (o.kind === 'refused') await sleep(100);
    }
    bump('closes given up');
  }

  // ---- flips, heartbeats, audit ----

  async setStatus(a: Agent, target: Availability, start: number): Promise<boolean> {
    a.busy = true;
    a.epoch++;
    a.settled = null;
    a.wanted = target;
    const t0 = now();
    const entry: FlipLog = { target, sent: Date.now(), answered: null };
    if (a.flips.length < 20_000) a.flips.push(entry);
    let inst = start;
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const o = await this.cluster.send('status', inst, 'PUT', `/ccaas/1/agents/${a.id}/status`, { status: target === 'ONLINE' ? 'ACTIVE' : 'AWAY' });
        if (o.kind === 'answer') {
          if (ok(o.status)) {
            entry.answered = Date.now();
            a.settled = target;
            this.flips[target]++;
            this.flipLatencies.push(now() - t0);
            return true;
          }
          if (o.status >= 500) {
            inst = other(inst);
            await sleep(100);
            continue;
          }
          problem('status changes refused', `${o.status} ${o.body.slice(0, 200)}`);
          break;
        }
        inst = other(inst);
        if (o.kind === 'refused') await sleep(100);
      }
      this.flips.failed++;
      return false;
    } finally {
      a.busy = false;
    }
  }

  private async flipper(): Promise<void> {
    const flipping = this.agents.filter((a) => !a.steady);
    const running = new Set<Promise<boolean>>();
    let n = 0;
    while (!this.flipsStop && now() < this.hardDeadline) {
      await sleep(FLIP_MS * (0.5 + Math.random()));
      if (this.flipsStop) break;
      const idle = flipping.filter((a) => !a.busy);
      if (!idle.length) {
        bump('flips skipped: every flipping agent still switching');
        continue;
      }
      const a = idle[Math.floor(Math.random() * idle.length)];
      const target: Availability = a.settled ? (a.settled === 'ONLINE' ? 'OFFLINE' : 'ONLINE') : a.wanted;
      const p = this.setStatus(a, target, n++ % 2);
      running.add(p);
      void p.finally(() => running.delete(p));
    }
    await Promise.all(running);
  }

  private async heartbeats(): Promise<void> {
    let n = 0;
    while (!this.watchStop && now() < this.hardDeadline) {
      await Promise.all(
        this.agents.map(async (a) => {
          const o = await this.cluster.send('heartbeat', n++ % 2, 'PUT', `/ccaas/1/agents/${a.id}/heartbeat`);
          if (o.kind === 'answer' && !ok(o.status) && o.status < 500) problem('heartbeats refused', `${o.status} ${o.body.slice(0, 200)}`);
        }),
      );
      for (let k = 0; k < HEARTBEAT_MS / 100 && !this.watchStop; k++) await sleep(100);
    }
  }

  private async audit(): Promise<void> {
    while (!this.watchStop && now() < this.hardDeadline) {
      const snap = this.snapshot();
      try {
        const { rows } = await this.sql.query<{ id: string; agentId: string | null; availability: string | null }>(
          `SELECT c.id, c."agentId", u.availability FROM "Conversation" c LEFT JOIN "User" u ON u.id = c."agentId" WHERE c.status IN ('OPEN', 'WAITING')`,
        );
        if (this.tMainStop === null) this.maxOpen = Math.max(this.maxOpen, rows.length);
        else this.maxOpenStable = Math.max(this.maxOpenStable, rows.length);
        for (const r of rows) {
          if (r.agentId && r.availability === 'OFFLINE' && this.offlineThroughout(snap, r.agentId)) this.held(r.id, 'SQL audit', r.agentId);
        }
      } catch (e) {
        bump('audit queries failed');
        problem('audit queries failed', (e as Error).message);
      }
      await sleep(500);
    }
  }

  private async progress(until: () => boolean): Promise<void> {
    let lastN = 0;
    let lastT = now();
    while (!until() && now() < this.hardDeadline) {
      for (let k = 0; k < 50 && !until(); k++) await sleep(100);
      const n = this.createdMain + this.createdStable;
      const t = now();
      log(
        `  [${sec(t - this.tStart).padStart(6)} s] created ${fmt(n)} (${rate(((n - lastN) * 1000) / (t - lastT))}/s) · closed ${fmt(this.closed)} · to close ${this.queueLen()} · ` +
          `flips ${this.flips.ONLINE + this.flips.OFFLINE} · 5xx ${got('5xx')} · conn errors ${got('conn errors during kill') + got('conn errors outside the kill')}`,
      );
      lastN = n;
      lastT = t;
    }
  }

  // ---- kill ----

  killReport: KillInfo | null = null;

  private async killAndRestart(): Promise<void> {
    const victim = 1;
    const span = this.mainDeadline - this.tStart;
    while (!this.mainStopped() && this.createdMain < KILL_AT * TARGET && now() - this.tStart < KILL_AT * span) await sleep(100);
    if (this.mainStopped()) {
      this.killReport = { inst: victim, at: now(), back: null, refusedAfter: null, exitCode: null, restartMs: null, skipped: 'the create phase ended first' };
      return;
    }
    // Keyed creates that are in flight on the victim when it dies: their retries go to the other.
    for (let k = 0; k < KILL_BURST; k++) void this.track(this.keyedCreate(this.seq++, victim, 'kill', 'main'));
    await sleep(Math.min(2000, Math.max(5, 0.5 * this.ewmaMs)));
    const info: KillInfo = { inst: victim, at: now(), back: null, refusedAfter: null, exitCode: null, restartMs: null };
    this.cluster.kill = info;
    this.killReport = info;
    log(`  [${sec(info.at - this.tStart).padStart(6)} s] SIGKILL instance :${PORTS[victim]}`);
    info.exitCode = await this.killInstance(victim);
    info.refusedAfter = await refuses(PORTS[victim]);
    const t = now();
    await this.restart(victim);
    info.back = now();
    info.restartMs = info.back - t;
    log(`  [${sec(info.back - this.tStart).padStart(6)} s] instance :${PORTS[victim]} answers again (restart took ${sec(info.restartMs)} s)`);
  }

  // ---- the run ----

  async run(): Promise<void> {
    this.tStart = now();
    this.mainDeadline = this.tStart + Math.max(1000, MAX_MS - STABLE_MS);
    this.hardDeadline = this.tStart + MAX_MS + 15 * 60_000;
    const watchers = [this.heartbeats(), this.audit()];
    const flips = this.flipper();
    const closers = Array.from({ length: CLOSERS }, (_, w) => this.closer(w));
    const kill = this.killAndRestart();
    let creatorsDone = false;
    const progress = this.progress(() => creatorsDone);
    log(`create phase: ${CREATORS} creators, ${CLOSERS} closers, flips every ~${FLIP_MS} ms; until ${fmt(TARGET)} conversations or ${sec(this.mainDeadline - this.tStart)} s`);
    await Promise.all(Array.from({ length: CREATORS }, (_, w) => this.creator(w)));
    this.mainStopped();
    creatorsDone = true;
    await progress;
    log(`  create phase over at ${sec(this.tMainStop! - this.tStart)} s; waiting for retries in progress, the restart, closers and flips …`);
    await kill;
    await Promise.all([...this.background]);
    this.closersStop = true;
    this.pulse.wake();
    await Promise.all(closers);
    this.flipsStop = true;
    await flips;
    this.whenFlipsStopped = await this.offlineHolders();

    // Then half of the flipping agents are left OFFLINE for the stable phase.
    const flipping = this.agents.filter((a) => !a.steady);
    for (const [k, a] of flipping.entries()) {
      if (!(await this.setStatus(a, k < flipping.length / 2 ? 'ONLINE' : 'OFFLINE', k % 2))) problem('final status changes failed', this.agentName(a.id));
    }
    this.afterFlips = await this.offlineHolders();

    // Stable phase: nothing flips, nothing is closed.
    this.stableOnline = (await this.sql.query<{ id: string }>(`SELECT id FROM "User" WHERE availability = 'ONLINE' AND id = ANY($1)`, [this.bench.agentIds])).rows.map((r) => r.id);
    this.tStableStart = now();
    log(`stable phase: ${sec(STABLE_MS)} s of creates, ${this.stableOnline.length} agents ONLINE, nothing closed`);
    await Promise.all(Array.from({ length: CREATORS }, (_, w) => this.stableCreator(w)));
    this.tStableEnd = now();
    this.watchStop = true;
    await Promise.all(watchers);
    this.afterStable = await this.offlineHolders();
    log(`  stable phase over: ${fmt(this.createdStable)} created in ${sec(this.tStableEnd - this.tStableStart)} s`);
  }

  whenFlipsStopped: { id: string; agentId: string }[] = [];
  afterFlips: { id: string; agentId: string }[] = [];
  afterStable: { id: string; agentId: string }[] = [];
  stableOnline: string[] = [];

  async offlineHolders(): Promise<{ id: string; agentId: string }[]> {
    return (
      await this.sql.query<{ id: string; agentId: string }>(
        `SELECT c.id, c."agentId" FROM "Conversation" c JOIN "User" u ON u.id = c."agentId" WHERE u.availability = 'OFFLINE' AND c.status IN ('OPEN', 'WAITING')`,
      )
    ).rows;
  }

  // ---- checks ----

  /** For a few conversations held by an agent already OFFLINE: their timeline next to that agent's switches. */
  async explainHeld(max = 3): Promise<string[]> {
    const out: string[] = [];
    const t = (ms: number) => new Date(ms).toISOString().slice(11, 23);
    for (const [id, h] of [...this.heldByOffline].slice(0, max)) {
      const conv = (await this.sql.query<{ status: string; agentId: string | null }>(`SELECT status, "agentId" FROM "Conversation" WHERE id = $1`, [id])).rows[0];
      const events = (
        await this.sql.query<{ kind: string; before: { agentId?: string | null } | null; after: { agentId?: string | null } | null; reason: string | null; createdAt: Date }>(
          `SELECT kind, "before", "after", reason, "createdAt" FROM "TimelineEvent" WHERE "conversationId" = $1 AND kind IN ('CREATED', 'ASSIGNEE_CHANGED', 'STATUS_CHANGED') ORDER BY "createdAt", id`,
          [id],
        )
      ).rows;
      const a = this.byId.get(h.agentId);
      const first = events[0]?.createdAt.getTime() ?? h.at;
      const flips = (a?.flips ?? []).filter((f) => f.sent >= first - 3000 && f.sent <= h.at + 1000);
      out.push(`${id} (seen ${h.where} at ${t(h.at)}; now ${conv?.status} with ${this.agentName(conv?.agentId)}):`);
      const story: [number, string][] = [];
      for (const e of events) {
        const what =
          e.kind === 'ASSIGNEE_CHANGED'
            ? `ASSIGNEE_CHANGED ${this.agentName(e.before?.agentId)} → ${this.agentName(e.after?.agentId)}${e.reason ? ` (${e.reason})` : ''}`
            : e.kind === 'STATUS_CHANGED'
              ? `STATUS_CHANGED → ${(e.after as { status?: string } | null)?.status}`
              : 'CREATED';
        story.push([e.createdAt.getTime(), `timeline: ${what}`]);
      }
      for (const f of flips) {
        story.push([f.sent, `${this.agentName(h.agentId)} → ${f.target} sent`]);
        if (f.answered) story.push([f.answered, `${this.agentName(h.agentId)} → ${f.target} answered`]);
      }
      for (const [at, text] of story.sort((x, y) => x[0] - y[0])) out.push(`    ${t(at)} ${text}`);
    }
    return out;
  }

  async checks(): Promise<{ lines: CheckLine[]; dbCount: number; accounting: string; idempotency: string[]; notes: string[] }> {
    const lines: CheckLine[] = [];
    const add = (ok: boolean, text: string) => lines.push({ ok, text });
    const sample = (xs: string[]) => (xs.length ? ` (e.g. ${xs.slice(0, 3).join('; ')})` : '');

    const rows = (await this.sql.query<{ id: string; topic: string | null; status: string; agentId: string | null }>(`SELECT id, topic, status, "agentId" FROM "Conversation"`)).rows;
    const dbById = new Map(rows.map((r) => [r.id, r]));
    const byTopic = new Map<string, string[]>();
    for (const r of rows) {
      const t = r.topic ?? '(no topic)';
      byTopic.set(t, [...(byTopic.get(t) ?? []), r.id]);
    }

    // 1. Every create answered 2xx exists exactly once.
    const lost: string[] = [];
    const wrong: string[] = [];
    for (const [id, topic] of this.topicById) {
      const r = dbById.get(id);
      if (!r) lost.push(`${id} "${topic}"`);
      else if (r.topic !== topic) wrong.push(`${id}: sent "${topic}", stored "${r.topic}"`);
    }
    const dups = [...byTopic].filter(([, ids]) => ids.length > 1);
    const dupKeyed = dups.filter(([t]) => this.keyed.has(t));
    add(
      lost.length === 0 && wrong.length === 0 && dups.length === 0,
      `every create answered 2xx exists exactly once: ${fmt(this.topicById.size)} ids answered, ${lost.length} missing, ${wrong.length} with another topic, ` +
        `${dups.length} requests stored more than once (${dupKeyed.length} of them with an Idempotency-Key)${sample([...lost, ...wrong, ...dups.map(([t, ids]) => `"${t}" × ${ids.length}`)])}`,
    );
    const answerProblems = ['one conversation id answered to two different creates', 'one Idempotency-Key answered with two different conversations'].filter((k) => problems.has(k));
    add(answerProblems.length === 0, `no conversation answered to two requests, no key answered with two conversations${answerProblems.length ? `: ${answerProblems.map((k) => `${k} × ${problems.get(k)!.n}`).join(', ')}` : ''}`);

    // Accounting: what is in the database and not answered.
    const extra = rows.filter((r) => !this.topicById.has(r.id));
    const lostUnkeyed: string[] = [];
    const keyedNeverAnswered: string[] = [];
    const afterError: string[] = [];
    const stray: string[] = [];
    for (const r of extra) {
      const t = r.topic ?? '';
      const rec = this.keyed.get(t);
      if (this.unknownTopics.has(t)) lostUnkeyed.push(r.id);
      else if (rec && rec.ids.size === 0) keyedNeverAnswered.push(`${rec.key} (${rec.scenario}; last: ${rec.unresolved ?? '?'})`);
      else if (rec) continue; // a second row for an answered key: counted as a duplicate above
      else if (this.erroredTopics.has(t)) afterError.push(`"${t}" answered ${this.erroredTopics.get(t)}`);
      else if (!this.idByTopic.has(t)) stray.push(`${r.id} "${t}"`);
    }
    const unknownNotCreated = [...this.unknownTopics.keys()].filter((t) => !byTopic.has(t)).length;
    const answeredInDb = [...this.topicById.keys()].filter((id) => dbById.has(id)).length;
    const rest = rows.length - answeredInDb - lostUnkeyed.length - keyedNeverAnswered.length - afterError.length - stray.length;
    const accounting =
      `${fmt(rows.length)} conversations in the database = ${fmt(answeredInDb)} answered 2xx + ${fmt(lostUnkeyed.length)} whose answer was lost in the kill without a key (unknowable to the client; ` +
      `${fmt(unknownNotCreated)} more such requests created nothing) + ${fmt(keyedNeverAnswered.length)} whose Idempotency-Key never answered + ${fmt(afterError.length)} answered with an error + ${fmt(stray.length)} from no request` +
      (rest ? ` + ${fmt(rest)} second copies of answered requests` : '');
    add(afterError.length === 0 && stray.length === 0, `nothing stored for a create answered with an error, nothing from no request: ${afterError.length} + ${stray.length}${sample([...afterError, ...stray])}`);

    // Idempotency.
    const byScenario = new Map<Scenario, KeyedRec[]>();
    for (const rec of this.keyed.values()) byScenario.set(rec.scenario, [...(byScenario.get(rec.scenario) ?? []), rec]);
    const idem: string[] = [];
    for (const [s, recs] of byScenario) {
      const answered = recs.filter((r) => r.ids.size === 1).length;
      const replies = recs.reduce((n, r) => n + r.answers, 0);
      const inflight = recs.reduce((n, r) => n + r.inflight409, 0);
      const failed = recs.reduce((n, r) => n + r.failed409, 0);
      const lostN = recs.filter((r) => r.lostInFlight > 0).length;
      const aborted = recs.reduce((n, r) => n + r.aborted, 0);
      const unresolved = recs.filter((r) => r.unresolved).length;
      idem.push(
        `${s}: ${recs.length} keys, ${answered} answered with one conversation (${replies} 2xx answers), ${unresolved} unresolved` +
          (aborted ? `, ${aborted} abandoned by the client first` : '') +
          (lostN ? `, ${lostN} lost an attempt in flight` : '') +
          (inflight ? `, ${inflight} × 409 still in flight` : '') +
          (failed ? `, ${failed} × 409 first request failed` : ''),
      );
    }
    const unresolved = [...this.keyed.values()].filter((r) => r.unresolved);
    const atKill = [...this.keyed.values()].filter((r) => r.lostAtKill);
    add(
      unresolved.length === 0,
      `every retried Idempotency-Key answered with its one conversation: ${fmt(this.keyed.size)} keys, ${unresolved.length} unresolved` +
        `${atKill.length ? `; ${atKill.length} lost an attempt in the kill, ${atKill.filter((r) => !r.unresolved).length} of them then answered` : ''}` +
        sample(unresolved.map((r) => `${r.key} (${r.scenario}${r.lostAtKill ? ', in flight at the kill' : ''}): ${r.unresolved}${byTopic.has(r.topic) ? ' — its conversation exists' : ' — nothing was created'}`)),
    );
    if (keyedNeverAnswered.length) add(false, `conversations created whose Idempotency-Key never returned them: ${keyedNeverAnswered.length}${sample(keyedNeverAnswered)}`);

    // 2. No conversation with an ineligible assignee.
    const inel = (
      await this.sql.query<{ n: number; sample: string[] | null }>(`
        SELECT count(*)::int AS n, (array_agg(c.id))[1:3] AS sample FROM "Conversation" c
        WHERE c."agentId" IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM "InboxCollaborator" ic JOIN "User" u ON u.id = ic."userId"
          WHERE ic."inboxId" = c."inboxId" AND ic."userId" = c."agentId" AND u.enabled
            AND (c."queueId" IS NULL OR EXISTS (SELECT 1 FROM "QueueMember" m WHERE m."queueId" = c."queueId" AND m."userId" = c."agentId")))`)
    ).rows[0];
    add(inel.n === 0, `no conversation with an ineligible assignee (not an enabled collaborator of its inbox and member of its queue): ${inel.n}${sample(inel.sample ?? [])}`);
    const unassigned = (await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Conversation" WHERE status IN ('OPEN', 'WAITING') AND "agentId" IS NULL`)).rows[0].n;
    const unassignedAnswers = problems.get('creates answered without an agent (some agent was ONLINE throughout)')?.n ?? 0;
    add(unassigned === 0 && unassignedAnswers === 0, `every conversation went to an agent (two never left ONLINE): ${unassignedAnswers} creates answered unassigned, ${unassigned} OPEN/WAITING unassigned at the end`);

    // 3. No agent left OFFLINE holds an OPEN/WAITING conversation.
    const held = [...this.heldByOffline];
    const holders = [...this.whenFlipsStopped, ...this.afterFlips, ...this.afterStable];
    add(
      holders.length === 0,
      `once the flips stopped, no OFFLINE agent holds an OPEN/WAITING conversation: ${this.whenFlipsStopped.length} when they stopped, ` +
        `${this.afterFlips.length} after the last switches (half of the flipping agents left OFFLINE), ${this.afterStable.length} after the stable phase` +
        sample(holders.map((r) => `${r.id} with ${this.agentName(r.agentId)}`)),
    );
    add(
      held.length === 0,
      `during the run, no conversation held by an agent whose OFFLINE switch had already answered (in create/close answers and the 500 ms SQL audit): ${held.length}` +
        sample(held.map(([id, h]) => `${id} (${h.where}: ${this.agentName(h.agentId)})`)),
    );

    // 4. Round robin in the stable phase.
    const stableRows = rows.filter((r) => r.topic && this.stableTopics.has(r.topic));
    const per = new Map<string, number>(this.agents.map((a) => [a.id, 0]));
    let stableUnassigned = 0;
    for (const r of stableRows) {
      if (r.agentId) per.set(r.agentId, (per.get(r.agentId) ?? 0) + 1);
      else stableUnassigned++;
    }
    const onlineCounts = this.stableOnline.map((id) => per.get(id) ?? 0);
    const offlineGot = this.agents.filter((a) => !this.stableOnline.includes(a.id)).reduce((n, a) => n + (per.get(a.id) ?? 0), 0);
    const spread = onlineCounts.length ? Math.max(...onlineCounts) - Math.min(...onlineCounts) : 0;
    add(
      spread <= 1 && offlineGot === 0 && stableUnassigned === 0 && stableRows.length > 0,
      `round robin in the stable phase: ${fmt(stableRows.length)} conversations, ONLINE agents got ${onlineCounts.join('/')} (spread ${spread}, must be ≤ 1), OFFLINE agents ${offlineGot}, unassigned ${stableUnassigned}`,
    );

    // 5. Timeline: the last assignment is the current agent.
    const tl = (
      await this.sql.query<{ mismatched: number; tied: number; sample: string[] | null }>(`
        WITH last AS (
          SELECT DISTINCT ON ("conversationId") "conversationId" AS c, "createdAt" AS t
          FROM "TimelineEvent" WHERE kind = 'ASSIGNEE_CHANGED' ORDER BY "conversationId", "createdAt" DESC
        ), tied AS (
          SELECT e."conversationId" AS c, count(*) AS n, min(coalesce(e."after"->>'agentId', '-')) AS agent
          FROM "TimelineEvent" e JOIN last ON last.c = e."conversationId" AND e."createdAt" = last.t
          WHERE e.kind = 'ASSIGNEE_CHANGED' GROUP BY e."conversationId"
        )
        SELECT count(*) FILTER (WHERE tied.c IS NULL OR (tied.n = 1 AND tied.agent <> conv."agentId"))::int AS mismatched,
               count(*) FILTER (WHERE tied.n > 1)::int AS tied,
               (array_agg(conv.id || ' has ' || conv."agentId" || ', timeline says ' || coalesce(tied.agent, 'no assignment'))
                  FILTER (WHERE tied.c IS NULL OR (tied.n = 1 AND tied.agent <> conv."agentId")))[1:3] AS sample
        FROM "Conversation" conv LEFT JOIN tied ON tied.c = conv.id
        WHERE conv."agentId" IS NOT NULL`)
    ).rows[0];
    // Order-free: the assignment events of one conversation form a chain from its creation to its
    // current agent (before = the previous after), so only the start and the current agent have
    // in ≠ out; this also settles events that share a timestamp (one transaction, or the same ms).
    const chain = (
      await this.sql.query<{ bad: number; sample: string[] | null }>(`
        WITH e AS (
          SELECT "conversationId" AS c, '^' AS src, coalesce("after"->>'agentId', '-') AS dst FROM "TimelineEvent" WHERE kind = 'CREATED'
          UNION ALL
          SELECT "conversationId", coalesce("before"->>'agentId', '-'), coalesce("after"->>'agentId', '-') FROM "TimelineEvent" WHERE kind = 'ASSIGNEE_CHANGED'
        ), bal AS (
          SELECT c, node, sum(d) AS b FROM (SELECT c, dst AS node, 1 AS d FROM e UNION ALL SELECT c, src, -1 FROM e) x GROUP BY c, node HAVING sum(d) <> 0
        ), ends AS (
          SELECT c, count(*) AS nonzero, count(*) FILTER (WHERE node = '^' AND b = -1) AS starts, max(node) FILTER (WHERE b = 1) AS final, count(*) FILTER (WHERE b = 1) AS finals
          FROM bal GROUP BY c
        )
        SELECT count(*)::int AS bad, (array_agg(conv.id || ' has ' || coalesce(conv."agentId", '-') || ', chain ends at ' || coalesce(ends.final, '?')))[1:3] AS sample
        FROM "Conversation" conv LEFT JOIN ends ON ends.c = conv.id
        WHERE ends.c IS NULL OR NOT (ends.nonzero = 2 AND ends.starts = 1 AND ends.finals = 1 AND ends.final = coalesce(conv."agentId", '-'))`)
    ).rows[0];
    add(
      tl.mismatched === 0,
      `each conversation's last ASSIGNEE_CHANGED (by time) names its current agent: ${tl.mismatched} disagree, ${fmt(tl.tied)} whose last ones share a timestamp (settled by the chain check)${sample(tl.sample ?? [])}`,
    );
    add(
      chain.bad === 0,
      `each conversation's assignment events chain from its creation to its current agent (before = previous after): ${chain.bad} broken${sample(chain.sample ?? [])}`,
    );

    // 6. No 5xx.
    const fivexx = [...counts].filter(([k]) => /^http \S+ 5\d\d$/.test(k));
    add(got('5xx') === 0, `0 × 5xx: ${got('5xx')}${fivexx.length ? ` (${fivexx.map(([k, n]) => `${k.slice(5)} × ${n}`).join(', ')})` : ''}`);

    // Anything else that went wrong on the way.
    const shown = new Set([
      ...answerProblems,
      'creates answered without an agent (some agent was ONLINE throughout)',
      '5xx answers (create)',
      '5xx answers (close)',
      '5xx answers (status)',
      '5xx answers (heartbeat)',
      'connection errors outside the kill window',
    ]);
    for (const [k, p] of problems) if (!shown.has(k)) add(false, `${k}: ${p.n}${sample(p.samples)}`);
    if (problems.has('connection errors outside the kill window')) {
      const p = problems.get('connection errors outside the kill window')!;
      add(false, `connection errors outside the kill window: ${p.n}${sample(p.samples)}`);
    }
    const notes: string[] = [];
    if (got('closed conversation refused with 409'))
      notes.push(`a change to a CLOSED conversation was answered 409 (${got('closed conversation refused with 409')} times, close retries after a lost answer); SPEC §5 and the reference say 400 "Closed conversation cannot be changed."`);
    if (got('closes already done by an attempt whose answer was lost')) notes.push(`${got('closes already done by an attempt whose answer was lost')} closes had been done by an attempt whose answer was lost (kill)`);
    if (held.length) notes.push(...(await this.explainHeld()));
    return { lines, dbCount: rows.length, accounting, idempotency: idem, notes };
  }
}

/** What the server logged as unexpected errors (a restarted instance's log starts at its restart). */
function serverLogNotes(app: AppProcess): string[] {
  let text = '';
  try {
    text = fs.readFileSync(app.log, 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n');
  const hits = lines.map((l, i) => (/Unexpected API error|unhandled|uncaught/i.test(l) ? i : -1)).filter((i) => i >= 0);
  if (!hits.length) return [];
  const kinds = new Map<string, number>();
  for (const i of hits) {
    const k = `${lines[i].trim()} ${lines[i + 2]?.trim().startsWith('code:') ? lines[i + 2].trim() : ''}`.trim().slice(0, 160);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [
    `server log ${app.log}: ${hits.length} unexpected errors logged: ${[...kinds].map(([k, n]) => `${n} × "${k}"`).join('; ')}` +
      ` (the soak abandoned ${got('deliberate client-side timeouts')} requests on purpose and lost ${got('conn errors during kill: in flight')} in the kill)`,
  ];
}

/** True when a TCP connect to the port is refused (nothing listens any more). */
function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(false), 2000);
    s.once('connect', () => done(false));
    s.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED'));
  });
}

/**
 * startApp on a worker thread (bench/soak-app-worker.mjs): its migrate + seed is a spawnSync that
 * would stop this thread's clients for seconds mid-run. Same build as the first start (SKIP_BUILD).
 */
function startAppOffThread(opts: AppOptions): Promise<AppProcess> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./soak-app-worker.mjs', import.meta.url), { workerData: opts, env: { ...process.env, SKIP_BUILD: '1' } });
    let resolveExit: (code: number | null) => void = () => {};
    const exited = new Promise<number | null>((r) => (resolveExit = r));
    let pid = 0;
    let gone = false;
    const guard = () => {
      if (pid && !gone) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    };
    process.once('exit', guard);
    worker.on('message', (m: { type: string; url?: string; pid?: number; log?: string; code?: number | null; message?: string }) => {
      if (m.type === 'started') {
        pid = m.pid!;
        resolve({
          url: m.url!,
          pid,
          log: m.log!,
          exited,
          kill(signal: NodeJS.Signals = 'SIGTERM') {
            if (gone) return;
            try {
              process.kill(-pid, signal);
            } catch {
              /* gone */
            }
          },
        });
      } else if (m.type === 'exited') {
        gone = true;
        process.off('exit', guard);
        resolveExit(m.code ?? null);
      } else if (m.type === 'error') {
        reject(new Error(`restart failed: ${m.message}`));
      }
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (!pid) reject(new Error('the restart worker ended before the app started'));
      gone = true;
      resolveExit(null);
    });
  });
}

/** Writes (or replaces) the bench:soak row of README.md's Benchmarks table. */
export function writeReadmeRow(what: string, result: string, file = README) {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const row = `| \`npm run bench:soak\` | ${cell(what)} | ${cell(result)} |`;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const existing = lines.findIndex((l) => l.startsWith('| `npm run bench:soak`'));
  if (existing >= 0) {
    lines[existing] = row;
  } else {
    const h = lines.findIndex((l) => /^## Benchmarks\b/.test(l));
    if (h < 0) throw new Error('README.md has no "## Benchmarks" section');
    let i = h + 1;
    while (i < lines.length && !lines[i].startsWith('|') && !lines[i].startsWith('## ')) i++;
    if (i >= lines.length || lines[i].startsWith('## ')) throw new Error('README.md\'s Benchmarks section has no table');
    while (i < lines.length && lines[i].startsWith('|')) i++;
    lines.splice(i, 0, row);
  }
  fs.writeFileSync(file, lines.join('\n'));
}

async function withPg<T>(url: string, fn: (q: Query, client: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn((sql, params) => c.query(sql, params as unknown[]), c);
  } finally {
    await c.end().catch(() => {});
  }
}

async function rawFloor(): Promise<{ result: LoadResult; dbCount: number }> {
  const scratch = await scratchPostgres();
  let floor: RawFloor | undefined;
  try {
    const bench = await withPg(scratch.url, (q) => setupBenchInbox(q, { role: 'ADMIN' }));
    floor = await spawnRawFloor({ databaseUrl: scratch.url, port: RAW_PORT });
    const http = createHttpClient(floor.url, RAW_CONNECTIONS, { headers: { authorization: `App ${bench.apiKey}` }, timeoutMs: REQUEST_TIMEOUT_MS });
    const req = (prefix: string) => (i: number) => http.post(CREATE_PATH, { ...createBody(i, { prefix }), inboxId: bench.inboxId });
    try {
      const first = await req('raw check')(0);
      if (first.status !== 200) throw new Error(`raw floor answered ${first.status}: ${first.body.slice(0, 300)}`);
      await runLoad({ connections: RAW_CONNECTIONS, durationMs: RAW_WARM_MS, request: req('raw warm') });
      const result = await runLoad({ connections: RAW_CONNECTIONS, durationMs: RAW_MS, request: req('raw') });
      const dbCount = await withPg(scratch.url, async (q) => Number((await q(`SELECT count(*)::int AS n FROM "Conversation"`)).rows[0].n));
      return { result, dbCount };
    } finally {
      http.close();
    }
  } finally {
    await floor?.close().catch(() => {});
    await scratch.drop().catch((e) => console.error('could not drop the raw floor database:', e));
  }
}

async function main() {
  const started = now();
  // Every loop below is bounded by its own deadline; this is the last resort.
  setTimeout(() => {
    console.error('bench:soak: watchdog: still running long after its deadlines; giving up');
    process.exit(1);
  }, MAX_MS + 40 * 60_000).unref();
  log(`bench:soak — two app instances on one PostgreSQL; target ${fmt(TARGET)} conversations, at most ${sec(MAX_MS)} s of creates`);
  await ensureBuilt();
  const scratch: ScratchDb = await scratchPostgres();
  const apps: (AppProcess | null)[] = [null, null];
  let cluster: Cluster | undefined;
  const sql = new pg.Pool({ connectionString: scratch.url, max: 3 });
  sql.on('error', () => {});
  try {
    const bench = await withPg(scratch.url, (q) => setupBenchInbox(q, { role: 'ADMIN' }));
    log(`scratch database ${new URL(scratch.url).pathname.slice(1)}: inbox with ${bench.agentIds.length} ONLINE agents, no routes or queues; starting instances on :${PORTS[0]} and :${PORTS[1]} …`);
    if (bench.agentIds.length !== AGENTS) throw new Error(`expected ${AGENTS} agents, got ${bench.agentIds.length}`);
    for (const i of [0, 1]) apps[i] = await startApp({ port: PORTS[i], databaseUrl: scratch.url });
    cluster = new Cluster(apps.map((a) => a!.url), bench.apiKey);
    for (const i of [0, 1]) {
      const r = await cluster.clients[i].get(`${CREATE_PATH}?limit=1`);
      if (r.status !== 200) throw new Error(`instance :${PORTS[i]} answered GET ${CREATE_PATH} with ${r.status}: ${r.body.slice(0, 300)}`);
    }
    const c = cluster;
    const soak = new Soak(
      cluster,
      bench,
      sql,
      async (inst) => {
        apps[inst] = await startAppOffThread({ port: PORTS[inst], databaseUrl: scratch.url });
      },
      async (inst) => {
        const app = apps[inst]!;
        app.kill('SIGKILL');
        return Promise.race([app.exited, sleep(10_000).then(() => 'still running' as const)]);
      },
    );
    await soak.run();
    log('checking …');
    const result = await soak.checks();
    for (const app of apps) if (app) result.notes.push(...serverLogNotes(app));
    c.close();
    for (const app of apps) if (app) await stopApp(app);
    apps[0] = apps[1] = null;

    log(`raw floor (bench/lib/raw-floor.ts in its own process, fresh database set up the same way, ${RAW_CONNECTIONS} connections, ${sec(RAW_MS)} s after ${sec(RAW_WARM_MS)} s warm-up) …`);
    let raw: { result: LoadResult; dbCount: number } | null = null;
    try {
      raw = await rawFloor();
    } catch (e) {
      console.error('raw floor failed:', e);
    }

    // ---- figures ----
    const mainMs = soak.tMainStop! - soak.tStart;
    const totalMs = soak.tStableEnd - soak.tStart;
    const mainRate = (soak.createdAtStop * 1000) / mainMs;
    const ratio = raw ? mainRate / raw.result.rps : NaN;
    const goalMet = result.dbCount >= GOAL_COUNT && totalMs <= GOAL_MS;
    const failed = result.lines.filter((l) => !l.ok);
    const k = soak.killReport;
    const lat = [...soak.createLatencies].sort((a, b) => a - b);
    const pct = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] : NaN);
    const flipLat = [...soak.flipLatencies].sort((a, b) => a - b);
    const fpct = (p: number) => (flipLat.length ? flipLat[Math.min(flipLat.length - 1, Math.ceil((p / 100) * flipLat.length) - 1)] : NaN);

    log('');
    log('bench:soak figures');
    log(
      `  conversations: ${fmt(result.dbCount)} in the database after ${sec(totalMs)} s — create phase ${fmt(soak.createdAtStop)} answered 2xx in ${sec(mainMs)} s = ${rate(mainRate)}/s ` +
        `(p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms), stable phase ${fmt(soak.createdStable)} in ${sec(soak.tStableEnd - soak.tStableStart)} s`,
    );
    log(`  goal ${fmt(GOAL_COUNT)} conversations within ${sec(GOAL_MS)} s: ${goalMet ? 'goal met' : 'goal missed'}`);
    log(
      raw
        ? `  raw floor: ${rate(raw.result.rps)} creates/s at ${RAW_CONNECTIONS} connections (p50 ${raw.result.p50.toFixed(0)} ms, p99 ${raw.result.p99.toFixed(0)} ms, ${raw.result.errors} errors) → soak / raw floor = ${ratio.toFixed(3)}`
        : '  raw floor: not measured (see the error above)',
    );
    log(`  accounting: ${result.accounting}`);
    log(
      k?.skipped
        ? `  kill: skipped (${k.skipped})`
        : k
          ? `  kill: instance :${PORTS[k.inst]} SIGKILLed at ${sec(k.at - soak.tStart)} s (exit ${k.exitCode ?? 'by signal'}; port ${k.refusedAfter ? 'refused connections' : 'still accepted connections!'}), ` +
            `answering again after ${sec((k.back ?? now()) - k.at)} s; connection errors during the kill: ${got('conn errors during kill')} (${got('conn errors during kill: refused')} refused, ` +
            `${got('conn errors during kill: in flight')} in flight), outside it: ${got('conn errors outside the kill')}; unkeyed creates whose answer was lost: ${soak.unknownTopics.size}`
          : '  kill: none',
    );
    log(`  idempotency (${fmt(soak.keyed.size)} keyed creates, ${(KEYED * 100).toFixed(0)} %):`);
    for (const l of result.idempotency) log(`    ${l}`);
    log(
      `  flips: ${fmt(soak.flips.ONLINE + soak.flips.OFFLINE)} (${fmt(soak.flips.OFFLINE)} → OFFLINE, ${fmt(soak.flips.ONLINE)} → ONLINE, ${soak.flips.failed} failed; p50 ${fpct(50).toFixed(0)} ms, p99 ${fpct(99).toFixed(0)} ms)` +
        `${got('flips skipped: every flipping agent still switching') ? `, ${fmt(got('flips skipped: every flipping agent still switching'))} ticks skipped (all flipping agents still switching)` : ''}`,
    );
    log(
      `  open load: at most ${fmt(soak.maxOpen)} OPEN/WAITING in the create phase (SQL audit every 500 ms; closers keep ${OPEN_LOW}–${OPEN_HIGH} of the answered ones open), ` +
        `${fmt(soak.maxOpenStable)} by the end of the stable phase; ${fmt(soak.closed)} closed; creators waited for the closers ${((100 * soak.waitedMs) / (CREATORS * mainMs)).toFixed(1)} % of the time`,
    );
    log(`  5xx: ${got('5xx')}`);
    log('  checks:');
    for (const l of result.lines) log(`    ${l.ok ? 'PASS' : 'FAIL'} ${l.text}`);
    log(failed.length ? `  ${failed.length} check(s) FAILED` : '  all checks passed');
    if (result.notes.length) {
      log('  notes:');
      for (const n of result.notes) log(`    ${n}`);
    }
    log(`  (whole bench ${sec(now() - started)} s)`);

    if (process.env.SKIP_README === '1') {
      log('SKIP_README=1: README.md not written');
    } else {
      const date = new Date().toISOString().slice(0, 10);
      writeReadmeRow(
        'two app instances on one PostgreSQL, 64 creators (10 % with Idempotency-Key, retried on purpose), agents flipping ONLINE/OFFLINE every ~200 ms, closes keeping the open load bounded, one instance SIGKILLed and restarted (goal 10⁵ conversations within 10 min; 0 lost, duplicated, double-assigned, 5xx)',
        `${date}: ${fmt(result.dbCount)} conversations in ${sec(totalMs)} s, ${rate(mainRate)} creates/s` +
          (raw ? ` = ${ratio.toFixed(2)} × the raw floor's ${rate(raw.result.rps)}/s measured right after` : '') +
          `${goalMet ? '' : ' (goal missed)'}; ${got('5xx')} × 5xx; checks: ${failed.length ? `FAIL ${failed.map((l) => l.text.split(':')[0]).join('; ')}` : 'all passed'}`,
      );
      log('README.md: bench:soak row written');
    }
  } finally {
    cluster?.close();
    for (const app of apps) if (app) await stopApp(app).catch(() => {});
    await sql.end().catch(() => {});
    if (process.env.SOAK_KEEP_DB === '1') {
      await scratch.prisma.$disconnect().catch(() => {});
      log(`SOAK_KEEP_DB=1: kept ${scratch.url}`);
    } else {
      await scratch.drop().catch((e) => console.error('could not drop the scratch database:', e));
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
