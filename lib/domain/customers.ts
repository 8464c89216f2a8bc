import type { Tx } from '../db';
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
