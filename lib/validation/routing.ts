import { z } from 'zod';
import { idSchema, listOf, orderBySchema, paginationSchema } from './common';
import { PRIORITIES } from './conversations';
import { queuePolicyFields } from './queue-policy';

/** Limits the forms show counters for (components/ui/char-count.tsx) and the schemas enforce. */
export const ROUTE_NAME_MAX = 200;
export const QUEUE_NAME_MAX = 255;

const priority = z.enum(PRIORITIES, { message: `Expected one of ${PRIORITIES.join(', ')}.` });

/**
 * One route as the reference's CreateRuleApiRequest (the expression is checked by
 * lib/domain/routing/expression.ts). `name` is optional, as in the reference: a route without one
 * is called "Rule <its 1-based position>". Read-only fields of RuleApiResponse (`queueName`,
 * `order`, `isPrivate`, timestamps) sent back as they were read are accepted and ignored; `id`
 * keeps a route's id (save-plan.ts).
 */
export const routeInputSchema = z.strictObject({
  id: idSchema.optional(),
  name: z.string({ message: 'Expected the route name as text.' }).trim().max(ROUTE_NAME_MAX, `At most ${ROUTE_NAME_MAX} characters.`).nullish(),
  enabled: z.boolean({ message: 'Expected true or false.' }).nullish().transform((v) => v ?? true),
  expression: z.unknown().refine((v) => v !== undefined, 'Required.'),
  queueId: idSchema,
  priority: priority.nullish(),
  // Stored and returned; what it does to routing belongs to the assignment policies (issue 13).
  routeOnlyDuringWorkingHours: z.boolean({ message: 'Expected true or false.' }).nullish(),
  queueName: z.unknown().optional(),
  order: z.unknown().optional(),
  isPrivate: z.unknown().optional(),
  createdAt: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
});
export type RouteInput = z.infer<typeof routeInputSchema>;

export const MAX_ROUTES = 999;

/** The default name of the route at a 0-based position: "Rule 3" for the third. */
export const defaultRouteName = (position: number) => `Rule ${position + 1}`;

/** A route list in order; each route comes out with its name (given or by position) and a boolean working-hours flag, read-only fields dropped. */
export const routeListSchema = z
  .array(routeInputSchema)
  .max(MAX_ROUTES, `At most ${MAX_ROUTES} routes.`)
  .transform((routes) =>
    routes.map(({ queueName: _q, order: _o, isPrivate: _p, createdAt: _c, updatedAt: _u, ...r }, i) => ({
      ...r,
      name: r.name || defaultRouteName(i),
      routeOnlyDuringWorkingHours: r.routeOnlyDuringWorkingHours ?? false,
    })),
  );

type ParsedRoute = z.output<typeof routeListSchema>[number];
/** What the domain saves: the parsed list; callers inside the server may leave the working-hours flag out (false). */
export type RouteListInput = (Omit<ParsedRoute, 'routeOnlyDuringWorkingHours'> & { routeOnlyDuringWorkingHours?: boolean })[];

/** A route list version: what GET /ccaas/1/routing sends as its ETag and the editor as `baseVersion`. */
export const routeVersionSchema = z.number({ message: 'Expected a version number.' }).int().min(0);

const ETAG_VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version a save is based on: a number from the console, or the API's If-Match header ("3",
 * W/"3"). Absent: the save goes on top of whatever is current (clients written for the reference).
 */
// `.optional()` before the transform: without it zod 4 refuses a missing key ("expected nonoptional"),
// which refused every PUT without If-Match.
export const baseVersionSchema = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const m = typeof v === 'string' ? ETAG_VERSION.exec(v.trim()) : null;
  if (m) return Number(m[1]);
  ctx.addIssue({ code: 'custom', message: 'Expected the route list version from GET /ccaas/1/routing, e.g. "3".' });
  return z.NEVER;
});
// The routing operations' inputs, one object each (the domain functions take their z.output).
export const saveRouteListSchema = z.object({ routes: routeListSchema, baseVersion: baseVersionSchema });
export type SaveRouteListInput = { routes: RouteListInput; baseVersion: z.output<typeof baseVersionSchema> };
/** DELETE /routing: only the version it is based on (If-Match), when given. */
export const deleteRouteListSchema = z.object({ baseVersion: baseVersionSchema });
export const restoreRouteVersionSchema = z.object({ version: routeVersionSchema, baseVersion: baseVersionSchema });
export type RestoreRouteVersionInput = z.output<typeof restoreRouteVersionSchema>;
/** `routes`: an unsaved draft to try instead of the saved list. */
export const simulateConversationSchema = z.object({ conversationId: idSchema, routes: routeListSchema.optional() });
export type SimulateConversationInput = z.output<typeof simulateConversationSchema>;

export const queueNameSchema = z.string().trim().min(1, 'Give the queue a name.').max(QUEUE_NAME_MAX, `At most ${QUEUE_NAME_MAX} characters.`);
const bool = z.boolean({ message: 'Expected true or false.' });
/**
 * POST /queues: the reference's CreateQueueApiRequest (name, isAutoAssignmentEnabled,
 * workingHoursId, externalId) plus, beyond it, the rest of the assignment policy that the
 * reference only takes on a change (./queue-policy).
 */
export const createQueueSchema = z.object({
  name: queueNameSchema,
  isDefault: bool.nullish(),
  /** Must name existing working hours; null takes the queue off its working hours. */
  workingHoursId: idSchema.nullish().meta({ description: 'The working hours the queue follows; null for none.' }),
  externalId: z.string({ message: 'Expected text.' }).max(255, 'At most 255 characters.').nullish().meta({ description: 'Your own identifier for the queue; null clears it.' }),
  ...queuePolicyFields,
});
/** PUT /queues/{id}: the fields given change (null clears workingHoursId and externalId, and leaves the switches as they are). */
export const updateQueueSchema = createQueueSchema.partial().extend({
  isRestricted: bool.nullish().meta({ description: 'Accepted for compatibility with the reference and ignored: Switchboard has no restricted queues.' }),
});

export const sampleSchema = z.strictObject({
  message: z
    .strictObject({
      text: z.string().max(4096).optional(),
      channel: z.string().max(40).optional(),
      from: z.string().max(320).optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  customer: z
    .strictObject({
      name: z.string().max(200).optional(),
      email: z.string().max(320).optional(),
      phone: z.string().max(40).optional(),
      country: z.string().max(2).optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  conversation: z
    .strictObject({
      channel: z.string().optional(),
      priority: z.string().optional(),
      topic: z.string().optional(),
      inboxId: z.string().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  tags: z.array(z.string().max(100)).max(100).optional(),
});

export const simulateSampleSchema = z.object({ sample: sampleSchema.default({}), routes: routeListSchema.optional() });
export type SimulateSampleInput = z.output<typeof simulateSampleSchema>;
export const MAX_WHAT_IF_CONVERSATIONS = 5000;
/** `limit`: how many of the latest conversations to replay (500 when not given). */
export const whatIfSchema = z.object({ routes: routeListSchema, limit: z.number().int().min(1).max(MAX_WHAT_IF_CONVERSATIONS).optional() });
export type WhatIfInput = z.output<typeof whatIfSchema>;

export const routingListQuerySchema = z.object({
  ruleIds: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean))
    .optional(),
  enabled: z.enum(['true', 'false'], { message: 'Expected true or false.' }).transform((v) => v === 'true').optional(),
});

export const queueListQuerySchema = z.object({
  ...paginationSchema,
  orderBy: orderBySchema(['name'] as const, 'name:asc'),
  name: z.string().max(255).optional(),
  queueIds: listOf(idSchema).optional(),
  agentId: idSchema.optional(),
  workingHoursId: idSchema.optional(),
});
