// An app process for the crash test (lib/http/idempotency-crash.pg.test.ts): it sends one create
// with an Idempotency-Key through the real route handler, on the shared PostgreSQL, and is killed
// by the test while the request is in flight.
//   tsx lib/test/idempotent-create-worker.ts <databaseUrl> <authorization> <idempotencyKey> <jsonBody>
import { NextRequest } from 'next/server';

async function main() {
  const [url, authorization, key, body] = process.argv.slice(2);
  process.env.DATABASE_URL = url;
  const { POST } = await import('../../app/ccaas/1/conversations/route');
  const req = new NextRequest('http://localhost/ccaas/1/conversations', {
    method: 'POST',
    headers: { authorization, 'idempotency-key': key, 'content-type': 'application/json' },
    body,
  });
  const res = await POST(req, { params: Promise.resolve({}) });
  console.log(`answered ${res.status} ${await res.text()}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
