import { z } from 'zod';
import { CONVERSATION_STATUSES } from './conversations';
import { dateTimeSchema, idSchema, tagNameSchema } from './common';

/** The most conversations one bulk request changes (the inbox selects within a page of 25). */
export const BULK_MAX = 100;

export const bulkActionSchema = z.discriminatedUnion('kind', [
  /** `agentId` null unassigns, as the dropdown's "Unassigned". */
  z.object({ kind: z.literal('assign'), agentId: idSchema.nullable() }),
  z.object({ kind: z.literal('status'), status: z.enum(CONVERSATION_STATUSES, { message: `Expected one of ${CONVERSATION_STATUSES.join(', ')}.` }) }),
  z.object({ kind: z.literal('addTag'), tagName: tagNameSchema }),
  z.object({ kind: z.literal('removeTag'), tagName: tagNameSchema }),
  z.object({ kind: z.literal('route') }),
  z.object({ kind: z.literal('snooze'), until: dateTimeSchema }),
  z.object({ kind: z.literal('unsnooze') }),
]);
export type BulkAction = z.output<typeof bulkActionSchema>;
/** What the browser sends (the snooze time as ISO text). */
export type BulkActionInput = z.input<typeof bulkActionSchema>;

export const bulkSchema = z.object({
  conversationIds: z
    .array(idSchema)
    .min(1, 'Select at least one conversation.')
    .max(BULK_MAX, `At most ${BULK_MAX} conversations at once.`)
    // A conversation selected twice is changed once.
    .transform((ids) => [...new Set(ids)]),
  action: bulkActionSchema,
});
export type BulkInput = z.output<typeof bulkSchema>;
