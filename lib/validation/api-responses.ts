import { z } from 'zod';
import { AuthorType } from '../generated/prisma/enums';
import { apiQueuePolicyFields } from './queue-policy';
import { CHANNELS, CONVERSATION_STATUSES, DIRECTIONS, MESSAGE_TEXT_MAX, PRIORITIES, SUMMARY_MAX, TOPIC_MAX } from './conversations';

// What lib/http/mappers.ts sends, as zod: the OpenAPI document is generated from these, and the
// contract tests parse every real response with them, so the documented shape cannot drift from
// the served one. Objects are strict: a field the mappers add without a line here fails a test.

/** Component names in the OpenAPI document (descriptions go through .meta, which zod reads from its global registry). */
export const apiResponseRegistry = z.registry<{ id: string }>();

/** The reference says `format: date-time`, but SPEC §5 writes `+0000` (no colon), which RFC 3339 refuses. */
export const API_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });

const id = z.string().min(1).max(255);

export const apiPaginationSchema = z
  .strictObject({
    totalItems: z
      .number()
      .int()
      .min(0)
      .meta({
        description:
          'How many items match. For conversations it is exact up to 10,000; past that it is the database planner’s estimate (always more than 10,000), so that counting never reads the whole table. A `text` search that finds more than 5,000 conversations is not counted: `totalItems` is then the items up to and including this page, plus one when another page follows (page on until a page is short).',
      }),
    page: z.number().int().min(0),
    limit: z.number().int().min(1).max(999),
    orderBy: z.string().meta({ examples: ['createdAt:desc'] }),
  })
  .meta({ description: 'Where this page sits in the whole result.' })
  .register(apiResponseRegistry, { id: 'Pagination' });

export const apiConversationSchema = z
  .strictObject({
    id,
    topic: z.string().max(TOPIC_MAX).optional(),
    summary: z.string().max(SUMMARY_MAX).optional(),
    status: z.enum(CONVERSATION_STATUSES),
    priority: z.enum(PRIORITIES),
    queueId: id.optional(),
    agentId: id.optional(),
    channel: z.enum(CHANNELS),
    inboxId: id.optional(),
    customerId: id.optional(),
    tags: z.array(z.string()).meta({ description: 'Tag names, in the order they were added.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    closedAt: timestamp.optional(),
    snoozedUntil: timestamp.optional().meta({
      description: 'Extension beyond the reference: a snoozed conversation is WAITING until this time, then OPEN again (sooner when the customer writes). Any status change ends the snooze.',
    }),
  })
  .meta({ description: "The reference's ConversationApiModel plus channel, inboxId, customerId, tags and snoozedUntil. Fields without a value are left out, never null." })
  .register(apiResponseRegistry, { id: 'ConversationApiModel' });

export const apiMessageSchema = z
  .strictObject({
    id,
    conversationId: id,
    direction: z.enum(DIRECTIONS),
    channel: z.enum(CHANNELS).exclude(['NO_CHANNEL']).optional().meta({ description: 'Left out when the conversation has no channel.' }),
    from: z.string().optional(),
    to: z.string().optional(),
    authorId: id.optional().meta({ description: 'The agent, or the API key, that wrote an outbound message.' }),
    authorType: z.enum(Object.values(AuthorType) as [AuthorType, ...AuthorType[]]),
    contentType: z.literal('TEXT'),
    content: z.strictObject({ text: z.string().min(1).max(MESSAGE_TEXT_MAX) }),
    attributes: z.record(z.string(), z.unknown()).optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'One message of a conversation.' })
  .register(apiResponseRegistry, { id: 'MessageApiResponse' });

export const apiTagSchema = z
  .strictObject({ id, name: z.string().min(1).max(100), createdAt: timestamp, updatedAt: timestamp })
  .meta({ description: 'A tag.' })
  .register(apiResponseRegistry, { id: 'TagApiResponse' });

export const apiStatusSchema = z
  .strictObject({ statusCode: z.enum(['SUCCESS', 'ERROR']), message: z.string() })
  .meta({ description: 'The outcome of a change that returns no resource.' })
  .register(apiResponseRegistry, { id: 'StatusCodeResponse' });

export const apiConversationPageSchema = z
  .strictObject({ conversations: z.array(apiConversationSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of conversations.' })
  .register(apiResponseRegistry, { id: 'ConversationResultPage' });

export const apiMessagePageSchema = z
  .strictObject({ messages: z.array(apiMessageSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of messages.' })
  .register(apiResponseRegistry, { id: 'MessageResultPage' });

export const apiTagPageSchema = z
  .strictObject({ tags: z.array(apiTagSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of tags.' })
  .register(apiResponseRegistry, { id: 'TagsApiResponse' });

export const apiErrorSchema = z
  .strictObject({
    requestError: z.strictObject({
      serviceException: z.strictObject({
        messageId: z.string().min(1).meta({ examples: ['BAD_REQUEST'] }),
        text: z.string().min(1),
        validationErrors: z
          .record(z.string(), z.array(z.string()))
          .optional()
          .meta({ description: 'Messages per field path ("customer.email"); "(body)" for the body as a whole.' }),
      }),
    }),
  })
  .meta({ description: 'Every refusal (4xx) and failure (5xx) has this shape.' })
  .register(apiResponseRegistry, { id: 'ApiException' });

// Queues and routing (reference QueueApiModel, RuleApiResponse, ConversationRoutingResultApiResponse).

export const apiQueueSchema = z
  .strictObject({
    id,
    name: z.string().min(1).max(255),
    isDefault: z.boolean().meta({ description: 'Where conversations go when no route matches.' }),
    workingHoursId: id.optional().meta({ description: 'The working hours the queue follows; left out when none.' }),
    externalId: z.string().max(255).optional().meta({ description: 'Your own identifier for the queue; left out when none.' }),
    ...apiQueuePolicyFields,
    isPrivate: z.literal(false).meta({ description: 'Always false: Switchboard has no private queues.' }),
    enabledAgentsCount: z.number().int().min(0).optional(),
    enabledRoutesCount: z.number().int().min(0).optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'A queue that routes fill.' })
  .register(apiResponseRegistry, { id: 'QueueApiModel' });

export const apiQueuePageSchema = z
  .strictObject({ queues: z.array(apiQueueSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of queues.' })
  .register(apiResponseRegistry, { id: 'QueueResultPage' });

export const apiRuleSchema = z
  .strictObject({
    id,
    order: z.number().int().min(1).meta({ description: '1-based position in the route list.' }),
    name: z.string(),
    enabled: z.boolean(),
    expression: z.unknown().meta({ description: 'The routing expression, as saved: operators over attribute paths, combined with $and, $or and $not, e.g. {"$eq":{"message.channel":"WHATSAPP"}}.' }),
    queueId: id,
    queueName: z.string(),
    priority: z.enum(PRIORITIES).optional(),
    routeOnlyDuringWorkingHours: z.boolean().meta({ description: 'Stored and returned; what it does to routing belongs to the assignment policies.' }),
    isPrivate: z.literal(false).meta({ description: 'Always false: Switchboard has no private routes.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'One route of the ordered list.' })
  .register(apiResponseRegistry, { id: 'RuleApiResponse' });

export const apiRoutingPageSchema = z
  .strictObject({
    routes: z.array(apiRuleSchema),
    version: z.number().int().min(0).meta({ description: 'The route list version; send it back as If-Match when saving. Also in the ETag header.' }),
    pagination: apiPaginationSchema,
  })
  .meta({ description: 'The route list, in order.' })
  .register(apiResponseRegistry, { id: 'RoutingRulesResultPage' });

export const apiRoutingSavedSchema = z
  .strictObject({ statusCode: z.literal('SUCCESS'), message: z.string(), version: z.number().int().min(1) })
  .meta({ description: 'The route list was saved as this new version.' })
  .register(apiResponseRegistry, { id: 'RoutingSaveResponse' });

type Trace =
  | { kind: 'condition'; at: string; op: string; path: string; expected: unknown; actual: unknown; result: boolean }
  | { kind: 'and' | 'or' | 'not'; at: string; result: boolean; children: Trace[] };

export const apiTraceSchema: z.ZodType<Trace> = z
  .lazy(() =>
    z.union([
      z.strictObject({ kind: z.literal('condition'), at: z.string(), op: z.string(), path: z.string(), expected: z.unknown(), actual: z.unknown(), result: z.boolean() }),
      z.strictObject({ kind: z.enum(['and', 'or', 'not']), at: z.string(), result: z.boolean(), children: z.array(apiTraceSchema) }),
    ]),
  )
  .meta({ description: 'How an expression evaluated, condition by condition.' })
  .register(apiResponseRegistry, { id: 'RoutingTrace' });

export const apiSimulationSchema = z
  .strictObject({
    id,
    queueId: id.optional().meta({ description: 'Where routing would send the conversation now.' }),
    priority: z.enum(PRIORITIES).optional(),
    routeId: id.optional().meta({ description: 'The route that would match; left out when none does.' }),
    usedDefaultQueue: z.boolean(),
    routes: z.array(
      z.strictObject({
        id,
        name: z.string(),
        queueId: id,
        skipped: z.enum(['disabled', 'invalid', 'outsideWorkingHours']).nullable(),
        matched: z.boolean(),
        trace: apiTraceSchema.nullable(),
      }),
    ),
    assignment: z
      .strictObject({
        agentId: id.nullable(),
        agentName: z.string().nullable(),
        reason: z.string().meta({ description: 'By which rule, e.g. "load balancing: 2 open, fewest", or why it would wait, e.g. "outside working hours: waits unassigned".' }),
      })
      .meta({ description: 'Extension: what auto-assignment would do now with the routed conversation (nothing is assigned).' }),
  })
  .meta({ description: "The reference's routing result plus the matching route and each route's trace. Changes nothing." })
  .register(apiResponseRegistry, { id: 'ConversationRoutingResultApiResponse' });

// Agents: lib/validation/api-responses-agents.ts.
