import crypto from 'node:crypto';
import type { Db, Tx } from '../db';
import { isUniqueViolation, sqlTimestamp, type Sql } from '../db/sql';
import { SqlParams } from '../db/sql-params';
import { unitOfWork } from '../db/unit-of-work';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from '../access/actor';
import { can } from '../access/roles';
import { visibleConversationsSql, visibleConversationsWhere } from '../access/visibility';
import type { CreateConversationInput } from '../validation/conversations';
import { assertStorableAttributes, changedAttributes, type CustomerPatch, type CustomerRef as CustomerIdRef } from '../validation/customers';
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

// ---- the Customers API (GET/PATCH /ccaas/1/customers/{customerId}) ---------------------------

/** A customer as the Customers API reads and answers it. */
export type CustomerRow = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
};

const customerNotFound = () => new DomainError('NOT_FOUND', 'Customer not found.');

const asAttributes = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Who may see a customer (SPEC §2): whoever sees all conversations sees every customer; anyone
 * else a customer one of whose conversations they may see. The same rule as the conversations',
 * read off lib/access/visibility.ts, so the two cannot drift.
 */
function visibleCustomersWhere(actor: Actor): Prisma.CustomerWhereInput {
  return can(actor.role, 'conversations.seeAll') ? {} : { conversations: { some: visibleConversationsWhere(actor) } };
}

function visibleCustomerSql(actor: Actor, p: SqlParams): string {
  if (can(actor.role, 'conversations.seeAll')) return 'true';
  return `EXISTS (SELECT 1 FROM "Conversation" c WHERE c."customerId" = cu.id AND ${visibleConversationsSql(actor, p)})`;
}

/** One customer the actor may see (404 otherwise, as for a customer that does not exist). One query. */
export async function getCustomer(db: Tx, actor: Actor, { customerId }: CustomerIdRef): Promise<CustomerRow> {
  const row = await db.customer.findFirst({ where: { AND: [{ id: customerId }, visibleCustomersWhere(actor)] } });
  if (!row) throw customerNotFound();
  return { ...row, attributes: asAttributes(row.attributes) };
}

/**
 * Changes a customer the actor may see, in one transaction: the row is locked (and the visibility
 * checked) in one statement, the change worked out on the row as it now is (so concurrent merges
 * each keep their keys), the limits checked on the result, then one UPDATE. An email or phone
 * that another customer has is refused by the unique index, whoever wrote it first (a race too),
 * as a 400 naming the field. Routing reads the customer when it runs, so a route request made
 * afterwards sees the change (the bot hand-off: `authLevel: strong`, then route).
 */
export async function patchCustomer(db: Db, actor: Actor, patch: CustomerPatch): Promise<CustomerRow> {
  const { customerId, set } = patch;
  try {
    return await unitOfWork(db, async (tx) => {
      const p = new SqlParams();
      const id = p.add(customerId);
      const [current] = await tx.$queryRawUnsafe<{ email: string | null; phone: string | null; attributes: unknown }[]>(
        `SELECT cu.email, cu.phone, cu.attributes FROM "Customer" cu WHERE cu.id = ${id}::text AND ${visibleCustomerSql(actor, p)} FOR NO KEY UPDATE OF cu`,
        ...p.values,
      );
      if (!current) throw customerNotFound();
      const email = set.email === undefined ? current.email : set.email;
      const phone = set.phone === undefined ? current.phone : set.phone;
      if (!email && !phone) {
        const cleared = (['email', 'phone'] as const).filter((f) => set[f] === null);
        throw new DomainError('BAD_REQUEST', 'A customer keeps an email or a phone.', Object.fromEntries(cleared.map((f) => [f, ['A customer keeps an email or a phone: this would leave neither.']])));
      }
      const data: Prisma.CustomerUpdateInput = { ...set };
      if (patch.attributes) {
        const attributes = changedAttributes(asAttributes(current.attributes), patch.attributes);
        assertStorableAttributes(attributes);
        data.attributes = attributes as Prisma.InputJsonObject;
      }
      const row = await tx.customer.update({ where: { id: customerId }, data });
      return { ...row, attributes: asAttributes(row.attributes) };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw await takenContact(db, patch);
  }
}

/** The 400 for an email or phone another customer has: which of the two, asked after the rollback. */
async function takenContact(db: Db, { customerId, set }: CustomerPatch): Promise<DomainError> {
  const others = await db.customer.findMany({
    where: { id: { not: customerId }, OR: [...(set.email ? [{ email: set.email }] : []), ...(set.phone ? [{ phone: set.phone }] : [])] },
    select: { email: true, phone: true },
  });
  const messages = { email: 'Another customer has this email.', phone: 'Another customer has this phone number.' } as const;
  const given = (['email', 'phone'] as const).filter((f) => set[f]);
  const taken = given.filter((f) => others.some((o) => o[f] === set[f]));
  // The other customer may have let go of it since the refusal: then name what was given.
  const fields = Object.fromEntries((taken.length ? taken : given).map((f) => [f, [messages[f]]]));
  return new DomainError('BAD_REQUEST', 'Another customer has this email or phone.', fields);
}
