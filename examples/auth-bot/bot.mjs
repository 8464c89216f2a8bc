#!/usr/bin/env node
// The seed's authentication bot as a webhook receiver, in plain Node (no dependencies): it hears
// `conversation.routed` for the "Authentication bot" queue, checks the signature, greets the
// customer, records the strong authentication (customer attribute and tag) and routes the
// conversation again, which sends it on to "Verified customers" and an agent.
//   SWITCHBOARD_URL (default http://localhost:3000), SWITCHBOARD_API_KEY (a SUPERVISOR key),
//   WEBHOOK_SECRET (the subscription's secret), PORT (default 4100), BOT_QUEUE.
import crypto from 'node:crypto';
import http from 'node:http';

const base = process.env.SWITCHBOARD_URL ?? 'http://localhost:3000';
const { SWITCHBOARD_API_KEY: key, WEBHOOK_SECRET: secret } = process.env;
const queueName = process.env.BOT_QUEUE ?? 'Authentication bot';
if (!key || !secret) throw new Error('Set SWITCHBOARD_API_KEY and WEBHOOK_SECRET (see README: Webhooks).');

/** Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">; refuses stale ones (replays). */
function verified(body, header = '') {
  const { t, v1 = '' } = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return v1.length === expected.length && crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected)) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
}

async function api(method, path, body) {
  const res = await fetch(`${base}/ccaas/1${path}`, { method, headers: { authorization: `App ${key}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

async function authenticate({ id, channel, customerId }) {
  // Answer the customer where they wrote from (their latest inbound message).
  const { messages } = await api('GET', `/conversations/${id}/messages?limit=50`);
  const inbound = messages.filter((m) => m.direction === 'INBOUND').at(-1);
  await api('POST', `/conversations/${id}/messages`, { channel, from: inbound?.to, to: inbound?.from, contentType: 'TEXT', content: { text: 'Thanks, you are now strongly authenticated. An agent will be with you shortly.' } });
  if (customerId) await api('PATCH', `/customers/${customerId}`, { attributes: { authLevel: 'strong' } });
  await api('POST', `/conversations/${id}/tags`, { tagName: 'strong_auth' });
  await api('POST', `/conversations/${id}/route`);
  console.log(`auth-bot: ${id} authenticated and routed on`);
}

const seen = new Set(); // Switchboard-Event-Id: at least once means a retry may repeat an event.
http
  .createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verified(body, req.headers['switchboard-signature'])) return res.writeHead(401).end('bad signature');
    const event = JSON.parse(body);
    try {
      const c = event.data.conversation;
      if (event.type === 'conversation.routed' && c?.queueName === queueName && !seen.has(event.id)) {
        await authenticate(c);
        seen.add(event.id);
      }
      res.writeHead(200).end('ok');
    } catch (e) {
      console.error('auth-bot:', e.message);
      res.writeHead(500).end('retry later'); // Switchboard retries with back-off.
    }
  })
  .listen(Number(process.env.PORT ?? 4100), () => console.log(`auth-bot listening on ${process.env.PORT ?? 4100}`));
