import type { CustomerRow } from '../domain/customers';
import type { InboxDirectoryRow } from '../domain/inbox-directory';
import { apiTimestamp, compact } from './format';

/** InboxApiResponse (an extension). */
export function apiInbox(i: InboxDirectoryRow) {
  return {
    id: i.id,
    name: i.name,
    channel: i.channel,
    isDefault: i.isDefault,
    autoAssign: i.autoAssign,
    reassignOnOffline: i.reassignOnOffline,
    createdAt: apiTimestamp(i.createdAt),
    updatedAt: apiTimestamp(i.updatedAt),
  };
}

/** CustomerApiResponse (an extension): fields without a value left out; attributes always there. */
export function apiCustomer(c: CustomerRow) {
  return {
    ...compact({ id: c.id, name: c.name, email: c.email, phone: c.phone, country: c.country }),
    attributes: c.attributes,
    createdAt: apiTimestamp(c.createdAt),
    updatedAt: apiTimestamp(c.updatedAt),
  };
}
