import crypto from 'node:crypto';
import type { Tx } from '../db';
import { sqlTimestamp, type Sql } from '../db/sql';
import type { CreateConversationInput } from '../validation/conversations';
import { DomainError } from './errors';

type CustomerRef = NonNullable<CreateConversationInput['customer']>;

/**
 * Finds a customer by id, or by email, then phone, creating one when none matches. The unique
 * email and phone columns make concurrent creates of one customer meet on one row (upsert).
 * Given name, country and attributes update the found customer (attributes are merged, in SQL,
 * so concurrent requests each add their keys), which is how a bot records e.g.
 * `authLevel: strong` before asking to route. A phone another customer already has is never taken.
 */
export async function findOrCreateCustomer(tx: Tx, ref: CustomerRef): Promise<string> {
  if ('id' in ref) {
    const found = await tx.customer.findUnique({ where: { id: ref.id }, select: { id: true } });
    if (!found) throw new DomainError('BAD_REQUEST', 'Customer not found.', { 'customer.id': ['No customer has this id.'] });
    return found.id;
  }
  const email = ref.email?.toLowerCase();
  const phone = ref.phone;
  // One query for both keys: the email's customer wins, else the phone's.
  const matches = await tx.customer.findMany({
    where: { OR: [...(email ? [{ email }] : []), ...(phone ? [{ phone }] : [])] },
    select: { id: true, email: true, phone: true },
  });
  const existing = matches.find((c) => email && c.email === email) ?? matches.find((c) => phone && c.phone === phone);
  const details = { ...(ref.name && { name: ref.name }), ...(ref.country && { country: ref.country }) };
  let id: string;
  if (existing) {
    id = existing.id;
    const phoneFree = !matches.some((c) => c.phone === phone);
    await tx.customer.update({
      where: { id },
      data: {
        ...details,
        ...(phone && !existing.phone && phoneFree && { phone }),
        ...(email && !existing.email && { email }),
      },
    });
  } else {
    // The update is never empty: only then does Prisma send one INSERT … ON CONFLICT DO UPDATE.
    // With an empty one it falls back to SELECT-then-INSERT, and concurrent creates of one new
    // customer fail on the unique index instead of meeting on one row.
    const customer = await tx.customer.upsert({
      where: email ? { email } : { phone: phone! },
      create: { email, phone, ...details },
      update: { ...details, updatedAt: new Date() },
      select: { id: true },
    });
    id = customer.id;
  }
  if (ref.attributes && Object.keys(ref.attributes).length) {
    await tx.$executeRaw`UPDATE "Customer" SET "attributes" = "attributes" || ${JSON.stringify(ref.attributes)}::jsonb WHERE "id" = ${id}`;
  }
  return id;
}

/** A customer as routing sees it (SPEC §3 paths `customer.*`). */
export type RoutingCustomer = { id: string; name: string | null; email: string | null; phone: string | null; country: string | null; attributes: Record<string, unknown> };

const CUSTOMER_COLUMNS = 'id, name, email, phone, country, attributes';

/**
 * `findOrCreateCustomer` on the create hot path, in raw SQL inside its transaction, with the same
 * rules: by id; else the email's customer, else the phone's, its details updated; else a new one
 * (INSERT … ON CONFLICT, so concurrent creates of one new customer meet on one row). Attributes
 * are merged in SQL. Returns the customer as it now is, for routing.
 */
export async function findOrCreateCustomerSql(sql: Sql, ref: CustomerRef, now: Date): Promise<RoutingCustomer> {
  if ('id' in ref) {
    const [found] = await sql.query<RoutingCustomer>(`SELECT ${CUSTOMER_COLUMNS} FROM "Customer" WHERE id = $1`, [ref.id]);
    if (!found) throw new DomainError('BAD_REQUEST', 'Customer not found.', { 'customer.id': ['No customer has this id.'] });
    return found;
  }
  const email = ref.email?.toLowerCase() ?? null;
  const phone = ref.phone ?? null;
  const attributes = JSON.stringify(ref.attributes ?? {});
  const ts = sqlTimestamp(now);
  const matches = await sql.query<{ id: string; email: string | null; phone: string | null }>(
    'SELECT id, email, phone FROM "Customer" WHERE email = $1::text OR phone = $2::text',
    [email, phone],
  );
  const existing = matches.find((c) => email && c.email === email) ?? matches.find((c) => phone && c.phone === phone);
  if (existing) {
    const takePhone = !!phone && !existing.phone && !matches.some((c) => c.phone === phone);
    const takeEmail = !!email && !existing.email;
    const [row] = await sql.query<RoutingCustomer>(
      `UPDATE "Customer" SET name = COALESCE($2::text, name), country = COALESCE($3::text, country),
         phone = CASE WHEN $4::boolean THEN $5::text ELSE phone END, email = CASE WHEN $6::boolean THEN $7::text ELSE email END,
         attributes = attributes || $8::jsonb, "updatedAt" = $9::timestamp(3)
       WHERE id = $1 RETURNING ${CUSTOMER_COLUMNS}`,
      [existing.id, ref.name ?? null, ref.country ?? null, takePhone, phone, takeEmail, email, attributes, ts],
    );
    return row;
  }
  const conflictOn = email ? 'email' : 'phone';
  const [row] = await sql.query<RoutingCustomer>(
    `INSERT INTO "Customer" (id, email, phone, name, country, attributes, "createdAt", "updatedAt")
     VALUES ($1, $2::text, $3::text, $4::text, $5::text, $6::jsonb, $7::timestamp(3), $7::timestamp(3))
     ON CONFLICT (${conflictOn}) DO UPDATE SET name = COALESCE(EXCLUDED.name, "Customer".name), country = COALESCE(EXCLUDED.country, "Customer".country),
       attributes = "Customer".attributes || EXCLUDED.attributes, "updatedAt" = EXCLUDED."updatedAt"
     RETURNING ${CUSTOMER_COLUMNS}`,
    [crypto.randomUUID(), email, phone, ref.name ?? null, ref.country ?? null, attributes, ts],
  );
  return row;
}
