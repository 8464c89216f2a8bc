import { z } from 'zod';
import { API_TIMESTAMP, apiPaginationSchema, apiResponseRegistry } from './api-responses';
import { CHANNELS } from './conversations';

// The answers of the extensions (not in the Infobip reference): GET /ccaas/1/inboxes and
// GET/PATCH /ccaas/1/customers/{customerId}, as lib/http/extension-mappers.ts writes them.

const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });
const id = z.string().min(1).max(255);

export const apiInboxSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    channel: z.enum(CHANNELS).meta({ description: 'The channel whose new conversations arrive here (NO_CHANNEL: none in particular).' }),
    isDefault: z.boolean().meta({ description: 'The fallback inbox for conversations whose channel has no inbox of its own.' }),
    autoAssign: z.boolean().meta({ description: 'New and routed conversations of this inbox are assigned automatically.' }),
    reassignOnOffline: z.boolean().meta({ description: 'An agent going offline hands their open conversations of this inbox on.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'Extension: an inbox, where conversations arrive, with its assignment switches.' })
  .register(apiResponseRegistry, { id: 'InboxApiResponse' });

export const apiInboxPageSchema = z
  .strictObject({ inboxes: z.array(apiInboxSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of inboxes.' })
  .register(apiResponseRegistry, { id: 'InboxResultPage' });

export const apiCustomerSchema = z
  .strictObject({
    id,
    name: z.string().min(1).max(200).optional(),
    email: z.string().max(320).optional().meta({ description: 'Stored lower-case.' }),
    phone: z.string().max(40).optional(),
    country: z.string().regex(/^[A-Z]{2}$/).optional().meta({ description: 'ISO 3166 two-letter code.' }),
    attributes: z.record(z.string(), z.unknown()).meta({ description: 'Free JSON keys and values; routes read them as customer.<key>.', examples: [{ tier: 'gold', authLevel: 'strong' }] }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'Extension: a customer (a person conversations are with). Fields without a value are left out, never null; a customer has an email or a phone.' })
  .register(apiResponseRegistry, { id: 'CustomerApiResponse' });
