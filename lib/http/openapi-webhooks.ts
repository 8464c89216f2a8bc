import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';

// The Webhooks tag's text in the OpenAPI document (and so on /ccaas/docs): what a request looks
// like and how a receiver verifies it. The README's snippet says the same.

export const WEBHOOKS_TAG = [
  'Extension: signed webhooks (admins). Each subscription receives the event types it names, at least once, as',
  '`POST <url>` with a JSON body `{"id", "type", "createdAt", "data"}` and the headers `Switchboard-Event-Id` (the same on every retry and redelivery:',
  'dedupe on it) and `Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>`.',
  `Types: ${WEBHOOK_EVENT_TYPES.join(', ')}. Conversation events carry data.conversationId, data.sequence (counts that conversation’s events:`,
  'order by it; events may arrive out of order), data.conversation (its state after the change), data.before / data.after / data.reason and data.actor;',
  'message.created carries data.message, note.created data.note. Answer 2xx within 10 s; anything else (a redirect included) is retried with',
  'exponential back-off and jitter for 24 hours, then the delivery is FAILED. A subscription failing 20 times in a row is paused until enabled again.',
  'Targets must resolve to public addresses.',
  '',
  'Verify (Node):',
  '',
  '```js',
  "const [t, v1] = req.headers['switchboard-signature'].split(',').map((p) => p.split('=')[1]);",
  "const expected = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');",
  "const ok = v1.length === expected.length && crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected))",
  '  && Math.abs(Date.now() / 1000 - Number(t)) < 300;',
  '```',
].join('\n');
