import type { Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { CreateConversationInput } from '../validation/conversations';
import { DomainError } from './errors';

type CustomerRef = NonNullable<CreateConversationInput['customer']>;

/**
 * Finds a customer by id, or by email, then phone, creating one when none matches. The unique
 * email and phone columns make concurrent creates of one customer meet on one row (upsert).
 * Given name, country and attributes update the found customer (attributes are merged), which is
 * how a bot records e.g. `authLevel: strong` before asking to route.
 */
export async function findOrCreateCustomer(tx: Tx, ref: CustomerRef): Promise<string> {
  if ('id' in ref) {
    const found = await tx.customer.findUnique({ where: { id: ref.id }, select: { id: true } });
    if (!found) throw new DomainError('BAD_REQUEST', 'Customer not found.', { 'customer.id': ['No customer has this id.'] });
    return found.id;
  }
  const email = ref.email?.toLowerCase();
  const where: Prisma.CustomerWhereUniqueInput = email ? { email } : { phone: ref.phone! };
  const existing = await tx.customer.findUnique({ where });
  const attributes = { ...((existing?.attributes as Record<string, unknown> | null) ?? {}), ...(ref.attributes ?? {}) } as Prisma.InputJsonObject;
  const customer = await tx.customer.upsert({
    where,
    create: { email, phone: ref.phone, name: ref.name, country: ref.country, attributes },
    update: {
      ...(ref.name && { name: ref.name }),
      ...(ref.country && { country: ref.country }),
      ...(ref.attributes && { attributes }),
      ...(email && ref.phone && !existing?.phone && { phone: ref.phone }),
    },
    select: { id: true },
  });
  return customer.id;
}
