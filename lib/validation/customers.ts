import { z } from 'zod';
import { DomainError, invalid } from '../domain/errors';
import { CHANNELS } from './conversations';
import { attributesSchema, idSchema, listOf, orderBySchema, paginationSchema } from './common';

// The extensions GET /ccaas/1/inboxes and GET/PATCH /ccaas/1/customers/{customerId}: their inputs.
// A customer's fields are checked as the customer reference of POST /conversations checks them
// (lib/validation/conversations.ts, customerRefSchema), so a value accepted there is accepted here.

/** An empty query parameter (`?channel=`) is no filter, as a client that fills every field from a form sends it. */
function blank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema);
}

export const INBOX_ORDER_FIELDS = ['name', 'createdAt'] as const;

export const inboxListQuerySchema = z.object({
  page: blank(paginationSchema.page),
  limit: blank(paginationSchema.limit),
  orderBy: blank(orderBySchema(INBOX_ORDER_FIELDS, 'name:asc')),
  channel: listOf(z.enum(CHANNELS, { message: `Expected one of ${CHANNELS.join(', ')}.` })).optional(),
  name: blank(z.string().trim().max(200, 'At most 200 characters.').optional()),
});
export type InboxListQuery = z.output<typeof inboxListQuerySchema>;

// ---- customers ---------------------------------------------------------------------------------

// As customerRefSchema writes them; emails are stored lower-case (the create path looks them up so).
export const customerEmailSchema = z.email('Not an email address.').max(320).transform((s) => s.toLowerCase());
export const customerPhoneSchema = z.string().trim().regex(/^\+?[0-9 ()-]{3,40}$/, 'Not a phone number.');
export const customerNameSchema = z.string().trim().min(1).max(200);
export const customerCountrySchema = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as DE.');

export const customerRefSchema = z.object({ customerId: idSchema });
export type CustomerRef = z.output<typeof customerRefSchema>;

const readOnly = () => z.unknown().optional().meta({ description: 'Read-only: accepted as read back, and ignored.' });

/**
 * PATCH /customers/{customerId}. A field left out stays; null clears name, email, phone or country
 * (a customer keeps an email or a phone). `attributes` merge key by key, a key set to null being
 * removed; with `replaceAttributes: true` they replace the attributes whole. `attributes: null` is
 * the same as leaving them out. The customer as read may be sent back: `id` (the path's),
 * `createdAt` and `updatedAt` are ignored.
 */
export const patchCustomerSchema = z.strictObject({
  customerId: idSchema,
  name: customerNameSchema.nullish(),
  email: customerEmailSchema.nullish(),
  phone: customerPhoneSchema.nullish(),
  country: customerCountrySchema.nullish(),
  attributes: z
    .record(z.string().min(1).max(100), z.unknown(), { message: 'Expected a JSON object of attributes.' })
    .nullish()
    .meta({ description: 'Keys to set (a key set to null is removed), or with replaceAttributes the whole attributes. The result is limited to 8000 characters of JSON.' }),
  replaceAttributes: z.boolean({ message: 'Expected true or false.' }).nullish().meta({ description: 'true: `attributes` replace the customer’s attributes whole instead of merging into them.' }),
  id: z.string().nullish().meta({ description: 'Read-only: may be sent back as read; another id than the path’s is refused.' }),
  createdAt: readOnly(),
  updatedAt: readOnly(),
});
export type PatchCustomerRequest = z.output<typeof patchCustomerSchema>;

type Field = 'name' | 'email' | 'phone' | 'country';
export const CUSTOMER_FIELDS: readonly Field[] = ['name', 'email', 'phone', 'country'];

/** What a PATCH changes: the fields given (null: cleared) and how the attributes change. */
export type CustomerPatch = {
  customerId: string;
  set: Partial<Record<Field, string | null>>;
  attributes?: { mode: 'merge' | 'replace'; values: Record<string, unknown> };
};

/**
 * The PATCH's checks across fields (the HTTP door documents the body from the object schema, which
 * therefore carries no refinements): the id matches the path, something is to change, and
 * replaceAttributes comes with attributes. Pure: no database.
 */
export function customerPatch(input: PatchCustomerRequest): CustomerPatch {
  if (input.id != null && input.id !== input.customerId) {
    throw new DomainError('BAD_REQUEST', 'Request is invalid.', { id: ['Does not match the path.'] });
  }
  const set: CustomerPatch['set'] = {};
  for (const f of CUSTOMER_FIELDS) if (input[f] !== undefined) set[f] = input[f];
  const attributes = input.attributes ?? undefined;
  if (input.replaceAttributes && !attributes) {
    throw new DomainError('BAD_REQUEST', 'Request is invalid.', { attributes: ['Give the attributes that replace the current ones.'] });
  }
  if (!Object.keys(set).length && !attributes) {
    throw new DomainError('BAD_REQUEST', 'Nothing to change.', { '(body)': ['Give at least one of name, email, phone, country or attributes.'] });
  }
  return {
    customerId: input.customerId,
    set,
    ...(attributes && { attributes: { mode: input.replaceAttributes ? 'replace' : 'merge', values: attributes } }),
  };
}

/** The attributes after a change: merged (null removes a key) or replaced (null keys left out). */
export function changedAttributes(current: Record<string, unknown>, change: NonNullable<CustomerPatch['attributes']>): Record<string, unknown> {
  const next: Record<string, unknown> = change.mode === 'replace' ? {} : { ...current };
  for (const [k, v] of Object.entries(change.values)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** The attributes a customer may keep, as every door limits them (attributesSchema): a 400 on `attributes` otherwise. */
export function assertStorableAttributes(attributes: Record<string, unknown>): void {
  const res = attributesSchema.safeParse(attributes);
  if (!res.success) {
    const e = invalid(res.error);
    throw new DomainError('BAD_REQUEST', 'Request is invalid.', { attributes: Object.values(e.fields ?? {}).flat() });
  }
}
