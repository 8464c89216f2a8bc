import { z } from 'zod';
import { dateTimeSchema, idSchema } from './common';

/** A snooze ends at most this far ahead: further than that it is not a snooze but a forgotten conversation. */
export const SNOOZE_MAX_DAYS = 365;

/** "Snooze until": the moment it comes back (the browser sends the agent's local choice as an ISO time). */
export const snoozeSchema = z.object({
  conversationId: idSchema,
  until: dateTimeSchema,
});
export type SnoozeInput = z.output<typeof snoozeSchema>;
