import crypto from 'node:crypto';
import { sqlTimestamp, type Sql } from '../db/sql';
import type { CreateConversationInput } from '../validation/conversations';
import { DomainError } from './errors';

type CustomerRef = NonNullable<CreateConversationInput['customer']>;

/** A customer as routing sees it (SPEC §3 paths `customer.*`). */
export type RoutingCustomer = { id: string; name: string | null; email: string | null; phone: string | null; country: string | null; attributes: Record<string, unknown> };

const CUSTOMER_COLUMNS = 'id, name, email, phone, country, attributes';

/**
 * The customer of a create, inside its transaction: by id; else the email's customer (emails are
 * stored lower-case), else the phone's, their name and country updated and a missing email or
 * phone filled in (never a phone another customer has); else a new one (INSERT … ON CONFLICT, so
 * concurrent creates of one new customer meet on one row). Attributes are merged in SQL, so
 * concurrent requests each add their keys — how a bot records e.g. `authLevel: strong` before
 * asking to route. Returns the customer as it now is, for routing.
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
