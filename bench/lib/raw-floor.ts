// The raw floor of SPEC §7: POST /ccaas/1/conversations written by hand with node:http and `pg`,
// in the app's own tables, doing the work the app's create does on the bench's path — what the
// app is measured against. Tight but fair, six round trips per create, each statement prepared
// once per connection (RAW_PREPARED=0: not):
//
//   1. SELECT the API key by its SHA-256 (with its owner's role and enabled flag)
//   2. BEGIN
//   3. SELECT the inbox (the one named, else the oldest of the channel) FOR NO KEY UPDATE — the lock
//   4. one statement of CTEs: the default queue; the next agent (ONLINE collaborator of the inbox
//      and member of that queue, lowest lastTurn, then position, then userId — SPEC §4's round
//      robin); advance Inbox.rrTurn and the agent's lastTurn; insert the conversation (queue and
//      agent set) with its first message's search words (as the app's create does, so the
//      search triggers write the new row once), its first message and its timeline (CREATED,
//      ROUTED, ASSIGNEE_CHANGED, as the app writes)
//   5. COMMIT
//   6. pg_notify the realtime event, after the commit, as the app does
//
// It does not evaluate routes (the app does, in JS, from a cached compiled list; here the
// conversation goes to the default queue, which is where the bench's messages land in the app
// too), does not write ApiKey.lastUsedAt (the app does once a minute), makes no customer, no
// tags, no idempotency record, and answers with the conversation row rather than the app's full
// detail (no second read after commit).
import crypto from 'node:crypto';
import http from 'node:http';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const CHANNELS = new Set([
  'NO_CHANNEL', 'SMS', 'WHATSAPP', 'VIBER', 'FACEBOOK_MESSENGER', 'INSTAGRAM_MESSAGING', 'TELEGRAM', 'LIVE_CHAT', 'EMAIL', 'VOICE', 'LINE', 'APPLE_BUSINESS_CHAT', 'RCS', 'INTERNAL',
]);

const NOW = `(now() AT TIME ZONE 'UTC')::timestamp(3)`; // Prisma's DateTime columns are UTC timestamps without zone

const AUTH_SQL = `SELECT k.id, k.name, k.role, k."revokedAt", u.role AS "ownerRole", u.enabled AS "ownerEnabled"
  FROM "ApiKey" k LEFT JOIN "User" u ON u.id = k."userId" WHERE k.hash = $1`;
const LOCK_BY_ID_SQL = `SELECT id, channel, "autoAssign" FROM "Inbox" WHERE id = $1 FOR NO KEY UPDATE`;
const LOCK_BY_CHANNEL_SQL = `SELECT id, channel, "autoAssign" FROM "Inbox" WHERE channel = $1::"Channel" ORDER BY "createdAt", id LIMIT 1 FOR NO KEY UPDATE`;
const LOCK_DEFAULT_SQL = `SELECT id, channel, "autoAssign" FROM "Inbox" WHERE "isDefault" LIMIT 1 FOR NO KEY UPDATE`;

// $1 inbox id, $2 auto-assign, $3 conversation id, $4 topic, $5 channel, $6 message id, $7 from,
// $8 text, $9 api key id, $10 api key name, $11-$13 timeline ids
const CREATE_SQL = `
WITH q AS (SELECT id, name FROM "Queue" WHERE "isDefault" LIMIT 1),
pick AS (
  SELECT ic."userId" FROM "InboxCollaborator" ic JOIN "User" u ON u.id = ic."userId"
  WHERE ic."inboxId" = $1::text AND $2::boolean AND u.enabled AND u.availability = 'ONLINE'::"Availability"
    AND (NOT EXISTS (SELECT 1 FROM q) OR EXISTS (SELECT 1 FROM "QueueMember" m JOIN q ON m."queueId" = q.id WHERE m."userId" = ic."userId"))
  ORDER BY ic."lastTurn", ic.position, ic."userId" LIMIT 1
),
turn AS (
  UPDATE "Inbox" SET "rrTurn" = "rrTurn" + 1, "updatedAt" = ${NOW} WHERE id = $1::text AND EXISTS (SELECT 1 FROM pick) RETURNING "rrTurn"
),
collab AS (
  UPDATE "InboxCollaborator" c SET "lastTurn" = turn."rrTurn" FROM turn, pick WHERE c."inboxId" = $1::text AND c."userId" = pick."userId" RETURNING c."userId"
),
conv AS (
  INSERT INTO "Conversation" (id, topic, status, priority, channel, "queueId", "agentId", "inboxId", "queuedAt", "assignedAt", "createdAt", "updatedAt", "searchDoc")
  SELECT $3::text, $4::text, 'OPEN'::"ConversationStatus", 'NORMAL'::"Priority", $5::"Channel", q.id, pick."userId", $1::text,
         CASE WHEN q.id IS NULL THEN NULL ELSE ${NOW} END, CASE WHEN pick."userId" IS NULL THEN NULL ELSE ${NOW} END, ${NOW}, ${NOW},
         switchboard_search_words_manual($8::text)
  FROM (SELECT 1) one LEFT JOIN q ON true LEFT JOIN pick ON true
  RETURNING id, topic, summary, status, priority, channel, "queueId", "agentId", "inboxId", "customerId", "queuedAt", "assignedAt", "createdAt", "updatedAt", "closedAt"
),
msg AS (
  INSERT INTO "Message" (id, "conversationId", direction, channel, "from", "text", attributes, "authorType", "createdAt", "updatedAt")
  SELECT $6::text, conv.id, 'INBOUND'::"MessageDirection", conv.channel, $7::text, $8::text, '{}'::jsonb, 'CUSTOMER'::"AuthorType", ${NOW}, ${NOW}
  FROM conv WHERE $8::text IS NOT NULL
),
tl AS (
  INSERT INTO "TimelineEvent" (id, "conversationId", kind, "actorKind", "actorApiKeyId", "actorName", reason, "before", "after", "createdAt")
  SELECT x.id, conv.id, x.kind::"TimelineKind", 'API_KEY'::"ActorKind", $9::text, $10::text, x.reason, x.before, x.after, ${NOW}
  FROM conv CROSS JOIN LATERAL (VALUES
    ($11::text, 'CREATED', NULL::text, NULL::jsonb,
      jsonb_build_object('status', conv.status, 'priority', conv.priority, 'channel', conv.channel, 'inboxId', conv."inboxId", 'queueId', NULL, 'agentId', NULL, 'tags', '[]'::jsonb)),
    ($12::text, 'ROUTED', 'no route matched: default queue ' || coalesce((SELECT name FROM q), ''),
      jsonb_build_object('queueId', NULL, 'priority', conv.priority), jsonb_build_object('queueId', conv."queueId", 'priority', conv.priority, 'routeId', NULL)),
    ($13::text, 'ASSIGNEE_CHANGED', 'round robin', jsonb_build_object('agentId', NULL), jsonb_build_object('agentId', conv."agentId"))
  ) AS x(id, kind, reason, before, after)
  WHERE (x.kind <> 'ROUTED' OR conv."queueId" IS NOT NULL) AND (x.kind <> 'ASSIGNEE_CHANGED' OR conv."agentId" IS NOT NULL)
)
SELECT conv.*, json_build_array(json_build_object(
  'type', 'conversation', 'id', conv.id, 'changes', json_build_array('created', 'routed', 'assignee'), 'status', conv.status,
  'inboxId', conv."inboxId", 'queueId', conv."queueId", 'agentId', conv."agentId", 'topic', left(conv.topic, 120),
  'before', json_build_object('queueId', NULL, 'agentId', NULL), 'actor', json_build_object('kind', 'apiKey', 'id', $9::text)))::text AS event
FROM conv`;

type Body = { topic?: unknown; channel?: unknown; inboxId?: unknown; message?: { text?: unknown; from?: unknown } };

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function parse(raw: string): { topic: string | null; channel: string; inboxId: string | null; text: string | null; from: string | null } {
  let b: Body;
  try {
    b = JSON.parse(raw || '{}') as Body;
  } catch {
    throw new Refusal(400, 'BAD_REQUEST', 'Body is not JSON.');
  }
  const str = (v: unknown, max: number, what: string) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.length > max) throw new Refusal(400, 'BAD_REQUEST', `${what} is invalid.`);
    return v;
  };
  const channel = b.channel === undefined ? 'NO_CHANNEL' : String(b.channel);
  if (!CHANNELS.has(channel)) throw new Refusal(400, 'BAD_REQUEST', 'channel is invalid.');
  const text = str(b.message?.text, 4096, 'message.text');
  if (b.message && !text?.trim()) throw new Refusal(400, 'BAD_REQUEST', 'message.text is required.');
  return { topic: str(b.topic, 1000, 'topic'), channel, inboxId: str(b.inboxId, 100, 'inboxId'), text, from: str(b.message?.from, 320, 'message.from') };
}

export type RawFloor = { url: string; close(): Promise<void>; pid?: number };

/** Serves the raw floor in this process on 127.0.0.1:port, with a pg Pool of poolSize (default 32). */
export async function startRawFloor(opts: { databaseUrl: string; port: number; poolSize?: number }): Promise<RawFloor> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 32 });
  let closing = false;
  // pool.end() resolves before its connections are quite gone; a DROP DATABASE … FORCE right after
  // then reports them as lost, which is no news.
  pool.on('error', (e) => closing || console.error('raw floor: idle connection lost:', e.message));

  // Named statements, planned once per connection, as the app's hot path does (RAW_PREPARED=0: not).
  const prepared = process.env.RAW_PREPARED !== '0';
  const run = (client: pg.PoolClient, name: string, text: string, values?: unknown[]) =>
    client.query(prepared ? { name: `raw_${name}`, text, values } : { text, values });

  async function create(authorization: string | undefined, raw: string): Promise<unknown> {
    const m = /^(App|Bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) throw new Refusal(401, 'UNAUTHORIZED', 'Missing API key.');
    const input = parse(raw);
    const client = await pool.connect();
    let inTx = false;
    try {
      const hash = crypto.createHash('sha256').update(m[2]).digest('hex');
      const key = (await run(client, 'auth', AUTH_SQL, [hash])).rows[0] as
        | { id: string; name: string; role: string | null; revokedAt: Date | null; ownerRole: string | null; ownerEnabled: boolean | null }
        | undefined;
      if (!key || key.revokedAt || key.ownerEnabled === false || !(key.ownerRole ?? key.role)) throw new Refusal(401, 'UNAUTHORIZED', 'Unknown or revoked API key.');
      await client.query('BEGIN');
      inTx = true;
      let inbox = (await (input.inboxId ? run(client, 'lock_id', LOCK_BY_ID_SQL, [input.inboxId]) : run(client, 'lock_channel', LOCK_BY_CHANNEL_SQL, [input.channel]))).rows[0] as
        | { id: string; channel: string; autoAssign: boolean }
        | undefined;
      if (!inbox && input.inboxId) throw new Refusal(404, 'NOT_FOUND', 'Inbox not found.');
      inbox ??= (await run(client, 'lock_default', LOCK_DEFAULT_SQL)).rows[0];
      if (!inbox) throw new Refusal(409, 'CONFLICT', 'No inbox for this channel and no default inbox.');
      const id = () => crypto.randomUUID();
      const res = await run(client, 'create', CREATE_SQL, [
        inbox.id, inbox.autoAssign, id(), input.topic, input.channel, id(), input.from, input.text, key.id, key.name, id(), id(), id(),
      ]);
      await client.query('COMMIT');
      inTx = false;
      const { event, ...conversation } = res.rows[0] as Record<string, unknown>;
      // After the commit, as the app does: a NOTIFY inside the transaction holds PostgreSQL's
      // notify lock through the commit's WAL flush, serializing every notifying commit.
      await run(client, 'notify', 'SELECT pg_notify($1, $2)', ['switchboard_events', event]);
      return conversation;
    } catch (e) {
      if (inTx) await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        const json = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      };
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/ccaas/1/conversations') return send(404, { error: { code: 'NOT_FOUND', message: 'Only POST /ccaas/1/conversations.' } });
      create(req.headers.authorization, Buffer.concat(chunks).toString('utf8')).then(
        (c) => send(200, c),
        (e: unknown) => {
          if (e instanceof Refusal) return send(e.status, { error: { code: e.code, message: e.message } });
          console.error('raw floor: create failed:', e);
          send(500, { error: { code: 'INTERNAL', message: 'Something went wrong.' } });
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    async close() {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}

/**
 * The same floor in a process of its own (tsx running this file), so that it does not share an
 * event loop with the bench's load generator — the app under test has its own process too.
 */
export async function spawnRawFloor(opts: { databaseUrl: string; port: number; poolSize?: number }): Promise<RawFloor> {
  const here = new URL(import.meta.url).pathname;
  const root = path.resolve(path.dirname(here), '..', '..');
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [here], {
    cwd: root,
    env: { ...process.env, RAW_FLOOR_DATABASE_URL: opts.databaseUrl, RAW_FLOOR_PORT: String(opts.port), RAW_FLOOR_POOL: String(opts.poolSize ?? 32) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('raw floor listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`raw floor exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${opts.port}`,
    pid: child.pid,
    async close() {
      child.kill('SIGTERM');
      await exited;
      process.off('exit', onExit);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href && process.env.RAW_FLOOR_DATABASE_URL) {
  const floor = await startRawFloor({ databaseUrl: process.env.RAW_FLOOR_DATABASE_URL, port: Number(process.env.RAW_FLOOR_PORT || 3700), poolSize: Number(process.env.RAW_FLOOR_POOL || 32) });
  console.log(`raw floor listening on ${floor.url}`);
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      floor.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
