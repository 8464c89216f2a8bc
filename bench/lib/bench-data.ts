// Rows the HTTP benches need, written with plain SQL so the same code serves a pg client and a
// PGlite instance (both answer `query(sql, params) → { rows }`).
import crypto from 'node:crypto';

export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type BenchInbox = {
  inboxId: string;
  channel: string;
  agentIds: string[];
  /** Every queue; the bench agents are members of all of them. */
  queueIds: string[];
  defaultQueueId: string | null;
  apiKey: string;
  apiKeyId: string;
};

const NOW = `(now() AT TIME ZONE 'UTC')`;

/**
 * One inbox of `channel` (default WHATSAPP) that is the only inbox of that channel (any other —
 * the demo's "WhatsApp DE" — is moved to NO_CHANNEL), `agents` (default 8) enabled AGENT users
 * ONLINE collaborating on it at positions 0…n-1, and members of every queue (so whatever queue
 * the routes choose, the whole inbox is the pool), and an API key acting as `role` (SUPERVISOR).
 */
export async function setupBenchInbox(
  query: Query,
  opts: { agents?: number; channel?: string; name?: string; role?: 'ADMIN' | 'SUPERVISOR' | 'AGENT' } = {},
): Promise<BenchInbox> {
  const channel = opts.channel ?? 'WHATSAPP';
  const n = opts.agents ?? 8;
  const tag = crypto.randomBytes(3).toString('hex');
  await query(`UPDATE "Inbox" SET channel = 'NO_CHANNEL', "updatedAt" = ${NOW} WHERE channel = $1::"Channel"`, [channel]);
  const inboxId = crypto.randomUUID();
  await query(
    `INSERT INTO "Inbox" (id, name, channel, "autoAssign", "createdAt", "updatedAt") VALUES ($1, $2, $3::"Channel", true, ${NOW}, ${NOW})`,
    [inboxId, opts.name ?? `Bench ${channel === 'WHATSAPP' ? 'WhatsApp' : channel} ${tag}`, channel],
  );
  const agentIds = Array.from({ length: n }, () => crypto.randomUUID());
  for (let i = 0; i < n; i++) {
    await query(
      `INSERT INTO "User" (id, email, name, "passwordHash", role, availability, "availabilityChangedAt", "lastSeenAt", enabled, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, '!bench: no password', 'AGENT', 'ONLINE', ${NOW}, ${NOW}, true, ${NOW}, ${NOW})`,
      [agentIds[i], `bench-agent-${tag}-${i}@bench.invalid`, `Bench agent ${i + 1}`],
    );
    await query(`INSERT INTO "InboxCollaborator" ("inboxId", "userId", position, "lastTurn") VALUES ($1, $2, $3, 0)`, [inboxId, agentIds[i], i]);
    await query(`INSERT INTO "QueueMember" ("queueId", "userId") SELECT id, $1 FROM "Queue" ON CONFLICT DO NOTHING`, [agentIds[i]]);
  }
  const queues = (await query(`SELECT id, "isDefault" FROM "Queue" ORDER BY "createdAt", id`)).rows;
  const apiKey = 'sbk_' + crypto.randomBytes(32).toString('base64url');
  const apiKeyId = crypto.randomUUID();
  await query(`INSERT INTO "ApiKey" (id, name, prefix, hash, role, "createdAt") VALUES ($1, $2, $3, $4, $5::"Role", ${NOW})`, [
    apiKeyId,
    `bench ${tag}`,
    apiKey.slice(0, 12),
    crypto.createHash('sha256').update(apiKey).digest('hex'),
    opts.role ?? 'SUPERVISOR',
  ]);
  return {
    inboxId,
    channel,
    agentIds,
    queueIds: queues.map((q) => String(q.id)),
    defaultQueueId: (queues.find((q) => q.isDefault)?.id as string | undefined) ?? null,
    apiKey,
    apiKeyId,
  };
}

/** The body of the bench's create: a topic ("Bench <prefix> <i>"), a first message {text, from} and the channel. */
export function createBody(i: number, opts: { prefix?: string; channel?: string } = {}) {
  return { topic: `Bench ${opts.prefix ?? 'run'} ${i}`, channel: opts.channel ?? 'WHATSAPP', message: { text: `Hello, I need help with order ${i}.`, from: `+4915${String(i).padStart(9, '0')}` } };
}

/**
 * Adds `count` conversations in one INSERT … SELECT generate_series: statuses spread 40% OPEN,
 * 15% WAITING, 25% SOLVED, 20% CLOSED; queues, agents and inboxes round-robin over the given ids;
 * createdAt spread over the last 180 days (updatedAt a little later); two in three waiting for an
 * answer since their customer's message two minutes in, the rest answered. Then ANALYZE.
 */
export async function loadConversations(
  query: Query,
  opts: { count: number; queueIds: string[]; agentIds: string[]; inboxIds: string[] },
): Promise<void> {
  await query(
    `INSERT INTO "Conversation" (id, topic, status, priority, channel, "queueId", "agentId", "inboxId", "queuedAt", "assignedAt", "createdAt", "updatedAt", "closedAt", "waitingSince", "lastInboundAt")
     SELECT gen_random_uuid()::text, 'Loaded ' || g,
       (CASE WHEN g % 20 < 8 THEN 'OPEN' WHEN g % 20 < 11 THEN 'WAITING' WHEN g % 20 < 16 THEN 'SOLVED' ELSE 'CLOSED' END)::"ConversationStatus",
       (ARRAY['URGENT','HIGH','NORMAL','NORMAL','NORMAL','LOW'])[1 + g % 6]::"Priority",
       'WHATSAPP'::"Channel",
       q[1 + g % cardinality(q)], CASE WHEN g % 7 = 0 THEN NULL ELSE a[1 + (g / 7) % cardinality(a)] END, i[1 + (g / 3) % cardinality(i)],
       t, CASE WHEN g % 7 = 0 THEN NULL ELSE t END, t, t + interval '5 minutes', CASE WHEN g % 20 >= 16 THEN t + interval '1 hour' END,
       CASE WHEN g % 3 <> 0 THEN t + interval '2 minutes' END, t + interval '2 minutes'
     FROM generate_series(1, $1::int) AS g,
       LATERAL (SELECT ${NOW} - (g::float8 / $1::int) * interval '180 days' AS t) ts,
       (SELECT $2::text[] AS q, $3::text[] AS a, $4::text[] AS i) ids`,
    [opts.count, opts.queueIds, opts.agentIds, opts.inboxIds],
  );
  await query(`ANALYZE "Conversation"`);
}

/**
 * Gives every loaded conversation ("Loaded …") a customer message and an answer, so the list's
 * search (message text through its GIN index) runs over real rows: the customer messages cycle
 * through eight phrases, so "parcel late" is in one conversation in eight and "parcel" in three in
 * eight (a search too broad to look up by id), and "order 4242" names one order; "legacy" is in
 * the 6,000 oldest only (too many to look up by id, too far down the list to walk to). Then ANALYZE.
 */
export async function loadMessages(query: Query): Promise<void> {
  await query(
    `INSERT INTO "Message" (id, "conversationId", direction, channel, text, "authorType", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, c.id, d.direction::"MessageDirection", 'WHATSAPP'::"Channel",
       CASE WHEN d.direction = 'INBOUND' THEN
         (ARRAY['My parcel is late and I need it for Friday', 'The parcel arrived damaged, the box was crushed', 'I want a refund for my last order',
                'I cannot log in since yesterday', 'Where is the invoice for my subscription', 'The parcel never arrived, tracking says delivered',
                'Please change my delivery address', 'Cancel my order please'])[1 + c.n % 8]
         || ' (order ' || substr(c.topic, 8) || ')' || CASE WHEN c.age <= 6000 THEN ' from the legacy shop' ELSE '' END
       ELSE 'Thanks for writing, we are looking into it for you.' END,
       (CASE WHEN d.direction = 'INBOUND' THEN 'CUSTOMER' ELSE 'AGENT' END)::"AuthorType", c."createdAt" + d.after, c."createdAt" + d.after
     -- Numbered per conversation (not per message row: each conversation has two), so the phrases cycle evenly.
     FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS n, row_number() OVER (ORDER BY c."createdAt", c.id) AS age FROM "Conversation" c
           WHERE c.topic LIKE 'Loaded %' AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id)) c
       CROSS JOIN (VALUES ('INBOUND', interval '1 minute'), ('OUTBOUND', interval '4 minutes')) AS d(direction, after)`,
  );
  await query(`ANALYZE "Message"`);
}
