import { z } from 'zod';
import { idSchema, listOf, orderBySchema, paginationSchema } from './common';
import { PRIORITIES } from './conversations';

const priority = z.enum(PRIORITIES, { message: `Expected one of ${PRIORITIES.join(', ')}.` });

/** One route as the reference's CreateRuleApiRequest (the expression is checked by lib/domain/routing/expression.ts). */
export const routeInputSchema = z.strictObject({
  id: idSchema.optional(),
  name: z.string().trim().min(1, 'Give the route a name.').max(200, 'At most 200 characters.'),
  enabled: z.boolean({ message: 'Expected true or false.' }).default(true),
  expression: z.unknown().refine((v) => v !== undefined, 'Required.'),
  queueId: idSchema,
  priority: priority.nullish(),
  // Accepted so reference clients work unchanged; Switchboard has no working hours.
  routeOnlyDuringWorkingHours: z.boolean().optional(),
});
export type RouteInput = z.infer<typeof routeInputSchema>;

export const MAX_ROUTES = 999;
export const routeListSchema = z.array(routeInputSchema).max(MAX_ROUTES, `At most ${MAX_ROUTES} routes.`);

export type RouteListInput = z.output<typeof routeListSchema>;

/** A route list version: what GET /ccaas/1/routing sends as its ETag and the editor as `baseVersion`. */
export const routeVersionSchema = z.number({ message: 'Expected a version number.' }).int().min(0);

const ETAG_VERSION = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version a save is based on: a number from the console, or the API's If-Match header ("3",
 * W/"3"). Absent: the save goes on top of whatever is current (clients written for the reference).
 */
export const baseVersionSchema = z.unknown().transform((v, ctx): number | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const m = typeof v === 'string' ? ETAG_VERSION.exec(v.trim()) : null;
  if (m) return Number(m[1]);
  ctx.addIssue({ code: 'custom', message: 'Expected the route list version from GET /ccaas/1/routing, e.g. "3".' });
  return z.NEVER;
});
// The routing operations' inputs, one object each (the domain functions take their z.output).
export const saveRouteListSchema = z.object({ routes: routeListSchema, baseVersion: baseVersionSchema });
export type SaveRouteListInput = z.output<typeof saveRouteListSchema>;
export const restoreRouteVersionSchema = z.object({ version: routeVersionSchema, baseVersion: baseVersionSchema });
export type RestoreRouteVersionInput = z.output<typeof restoreRouteVersionSchema>;
/** `routes`: an unsaved draft to try instead of the saved list. */
export const simulateConversationSchema = z.object({ conversationId: idSchema, routes: routeListSchema.optional() });
export type SimulateConversationInput = z.output<typeof simulateConversationSchema>;

export const queueNameSchema = z.string().trim().min(1, 'Give the queue a name.').max(255, 'At most 255 characters.');
export const createQueueSchema = z.object({
  name: queueNameSchema,
  isDefault: z.boolean().optional(),
  // Reference fields accepted for compatibility; assignment settings live on inboxes here.
  isAutoAssignmentEnabled: z.boolean().optional(),
  workingHoursId: z.string().optional(),
  externalId: z.string().max(255).optional(),
});
export const updateQueueSchema = createQueueSchema.partial();

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
  workingHoursId: z.string().optional(),
});
