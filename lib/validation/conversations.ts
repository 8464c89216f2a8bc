import { z } from 'zod';
import { Channel, ConversationStatus, MessageDirection, Priority } from '../generated/prisma/enums';
import { attributesSchema, dateTimeSchema, idSchema, listOf, orderBySchema, paginationSchema, tagNameSchema } from './common';

// One source of truth for limits and enums: the inbox page, server actions and the HTTP API parse with these.

export const CONVERSATION_STATUSES = Object.values(ConversationStatus) as [ConversationStatus, ...ConversationStatus[]];
export const PRIORITIES = Object.values(Priority) as [Priority, ...Priority[]];
export const CHANNELS = Object.values(Channel) as [Channel, ...Channel[]];
export const DIRECTIONS = Object.values(MessageDirection) as [MessageDirection, ...MessageDirection[]];
// waitingSince: since when the customer has waited for an answer (null once answered);
// lastInboundAt: their latest message. Both extensions beyond the reference.
export const ORDER_BY_FIELDS = ['createdAt', 'updatedAt', 'priority', 'status', 'closedAt', 'waitingSince', 'lastInboundAt'] as const;

export const TOPIC_MAX = 1000;
export const SUMMARY_MAX = 4000;
export const MESSAGE_TEXT_MAX = 4096;

const status = z.enum(CONVERSATION_STATUSES, { message: `Expected one of ${CONVERSATION_STATUSES.join(', ')}.` });
const priority = z.enum(PRIORITIES, { message: `Expected one of ${PRIORITIES.join(', ')}.` });
const channel = z.enum(CHANNELS, { message: `Expected one of ${CHANNELS.join(', ')}.` });
const topic = z.string().max(TOPIC_MAX, `At most ${TOPIC_MAX} characters.`);
const summary = z.string().max(SUMMARY_MAX, `At most ${SUMMARY_MAX} characters.`);

/** Conversation list parameters: the reference's filters plus inboxId, channel, unassigned and text. */
export const conversationListQuerySchema = z.object({
  ...paginationSchema,
  orderBy: orderBySchema(ORDER_BY_FIELDS, 'createdAt:desc'),
  conversationIds: listOf(idSchema).optional(),
  queueIds: listOf(idSchema).optional(),
  tagNames: listOf(tagNameSchema).optional(),
  agentId: idSchema.optional(),
  status: listOf(status).optional(),
  priority: listOf(priority).optional(),
  channel: listOf(channel).optional(),
  inboxId: idSchema.optional(),
  unassigned: z.enum(['true', 'false'], { message: 'Expected true or false.' }).transform((v) => v === 'true').optional(),
  snoozed: z
    .enum(['true', 'false'], { message: 'Expected true or false.' })
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'Extension: true lists only snoozed conversations (those with a snoozedUntil), false leaves them out.' }),
  text: z
    .string()
    .trim()
    .min(1)
    .max(200, 'At most 200 characters.')
    .optional()
    .meta({ description: 'Words to find in the topic, the summary, the customer’s name, email or phone, or the text of any message. Every word must match the start of a word of the conversation (case-insensitive), in any of these places: “parcel late” finds “My parcel is late”, “olga parcel” Olga’s conversation about a parcel. Words over 50 bytes, and those past a conversation’s first 16,000 different words, are not searched.' }),
  createdAfter: dateTimeSchema.optional(),
  createdBefore: dateTimeSchema.optional(),
  updatedAfter: dateTimeSchema.optional(),
  updatedBefore: dateTimeSchema.optional(),
  closedAfter: dateTimeSchema.optional(),
  closedBefore: dateTimeSchema.optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

const customerRefSchema = z.union([
  z.strictObject({ id: idSchema }),
  z
    .strictObject({
      email: z.email('Not an email address.').max(320).optional(),
      phone: z.string().trim().regex(/^\+?[0-9 ()-]{3,40}$/, 'Not a phone number.').optional(),
      name: z.string().trim().min(1).max(200).optional(),
      country: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as DE.').optional(),
      attributes: attributesSchema.optional(),
    })
    .refine((c) => c.email || c.phone, { message: 'Give the customer an id, an email or a phone.' })
    // The refinement in the document's words, so that `customer: {}` is refused there too.
    .meta({ anyOf: [{ required: ['email'], properties: { email: { type: 'string' } } }, { required: ['phone'], properties: { phone: { type: 'string' } } }] }),
]);

/** Message text: not blank (the pattern says so in the document too), at most MESSAGE_TEXT_MAX. */
const messageText = z
  .string()
  .min(1, { message: 'Required.', abort: true })
  .max(MESSAGE_TEXT_MAX, `At most ${MESSAGE_TEXT_MAX} characters.`)
  .regex(/\S/, 'Required.');

export const inboundMessageSchema = z.strictObject({
  text: messageText,
  channel: channel.optional().meta({ description: 'Where the customer wrote; the conversation’s channel when the request gives none.' }),
  from: z.string().max(320).optional(),
  to: z.string().max(320).optional(),
  attributes: attributesSchema.optional(),
});

/** POST /conversations and the console's "new conversation": every property optional. */
export const createConversationSchema = z.strictObject({
  topic: topic.nullish(),
  summary: summary.nullish(),
  status: status.nullish(),
  priority: priority.nullish(),
  channel: channel.nullish(),
  queueId: idSchema.nullish(),
  agentId: idSchema.nullish(),
  inboxId: idSchema.nullish(),
  tags: z.array(tagNameSchema).max(50, 'At most 50 tags.').nullish(),
  customer: customerRefSchema.nullish(),
  message: inboundMessageSchema.nullish(),
});
export type CreateConversationInput = z.infer<typeof createConversationSchema>;

/** PATCH: only the fields given change. PUT uses the same fields, and those left out are reset. */
export const updateConversationSchema = z.strictObject({
  topic: topic.nullish(),
  summary: summary.nullish(),
  status: status.optional(),
  priority: priority.optional(),
  queueId: idSchema.nullish(),
  agentId: idSchema.nullish(),
});
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

export const addTagSchema = z.strictObject({ tagName: tagNameSchema });
export const createTagSchema = z.strictObject({ name: tagNameSchema });

export const tagListQuerySchema = z.object({
  ...paginationSchema,
  orderBy: orderBySchema(['name', 'createdAt'] as const, 'name:asc'),
  conversationId: idSchema.optional(),
  name: z.string().max(100).optional(),
});

/** POST /conversations/{id}/messages: the reference's shape (content.text) plus direction and attributes. */
export const createMessageSchema = z.strictObject({
  channel: channel.nullish(),
  from: z.string().max(320).nullish(),
  to: z.string().max(320).nullish(),
  direction: z.enum(DIRECTIONS, { message: 'Expected INBOUND or OUTBOUND.' }).default('OUTBOUND'),
  contentType: z.literal('TEXT', { message: 'Only TEXT messages are supported.' }).default('TEXT'),
  content: z.strictObject({
    text: messageText,
    // The reference's TEXT content may carry quick replies (Facebook, Instagram, live chat): kept in the message's attributes.
    quickReplies: z
      .array(z.record(z.string().max(100), z.unknown()))
      .max(13, 'At most 13 quick replies.')
      .refine((v) => JSON.stringify(v).length <= 8000, 'Quick replies are limited to 8000 characters of JSON.')
      .optional()
      .meta({ description: 'Quick replies offered with the text, as the channel defines them; stored in the message’s attributes as quickReplies.' }),
  }),
  attributes: attributesSchema.optional(),
  clientMessageId: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, '1–255 visible ASCII characters.')
    .nullish()
    .meta({
      description:
        'Beyond the reference: the sender’s own key for this message (e.g. a UUID made when the draft starts). A second request for the conversation ' +
        'with the same key stores nothing and answers with the message stored first (409 when its text differs). The Idempotency-Key header does the same per API key.',
    }),
});
export type CreateMessageInput = z.infer<typeof createMessageSchema>;

export const messageListQuerySchema = z.object({
  ...paginationSchema,
  orderBy: orderBySchema(['createdAt'] as const, 'createdAt:asc'),
  messageIds: listOf(idSchema).optional(),
  channel: channel.optional(),
  direction: z.enum(DIRECTIONS, { message: 'Expected INBOUND or OUTBOUND.' }).optional(),
  createdAfter: dateTimeSchema.optional(),
  createdBefore: dateTimeSchema.optional(),
});

// The operations' inputs (lib/operations): a path's ids beside the body's or query's fields.
export const conversationRefSchema = z.object({ conversationId: idSchema });
export type ConversationRef = z.output<typeof conversationRefSchema>;
/**
 * What GET answers beyond the editable fields. A client that sends the conversation back as it
 * read it (as Infobip clients do) is not refused: these are read-only and ignored (see
 * `readOnlyConversationFields`); an `id` other than the path's is refused by the operation.
 */
const readOnly = <T extends z.ZodType>(schema: T) => schema.optional().meta({ readOnly: true, description: 'Read-only: accepted and ignored.' });
export const READ_ONLY_CONVERSATION_FIELDS = {
  id: readOnly(idSchema),
  channel: readOnly(channel),
  inboxId: readOnly(idSchema.nullable()),
  customerId: readOnly(idSchema.nullable()),
  tags: readOnly(z.array(z.string().max(100)).max(1000)),
  createdAt: readOnly(z.string().max(40)),
  updatedAt: readOnly(z.string().max(40)),
  closedAt: readOnly(z.string().max(40).nullable()),
};
export const updateConversationRequestSchema = updateConversationSchema.extend({ conversationId: idSchema, ...READ_ONLY_CONVERSATION_FIELDS });
/** The console edits these in place; assignment and routing have their own controls. */
export const conversationPropertiesSchema = updateConversationSchema.pick({ topic: true, summary: true, status: true, priority: true }).extend({ conversationId: idSchema });
export const assignAgentSchema = z.strictObject({ agentId: idSchema });
export const assignAgentRequestSchema = assignAgentSchema.extend({ conversationId: idSchema });
export const addTagRequestSchema = addTagSchema.extend({ conversationId: idSchema });
export const conversationTagSchema = z.object({ conversationId: idSchema, tagName: tagNameSchema });
/** DELETE /tags/{tagName}: the tag, everywhere. */
export const tagRefSchema = z.object({ tagName: tagNameSchema });
export const messageListRequestSchema = messageListQuerySchema.extend({ conversationId: idSchema });
export const createMessageRequestSchema = createMessageSchema.extend({ conversationId: idSchema });
