import { z } from 'zod';
import { dateTimeSchema, idSchema, listOf, orderBySchema, paginationSchema } from './common';
import { AGENT_STATUSES } from './presence';
import { conversationListQuerySchema } from './conversations';

// The Agents API's inputs (the reference's AgentRequest and get-agents filters). The reference's
// roles are AGENT and SUPERVISOR; admins read as SUPERVISOR with `admin: true` and keep their role.

export const AGENT_ROLES = ['AGENT', 'SUPERVISOR'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

const statusSchema = z.enum(AGENT_STATUSES, { message: 'Expected ACTIVE, BUSY, AWAY or INVISIBLE.' });
const roleSchema = z.enum(AGENT_ROLES, { message: 'Expected AGENT or SUPERVISOR.' });
const displayName = z.string().trim().min(1, 'Give a display name.').max(255, 'At most 255 characters.');
// Stored lower-case because sign-in looks emails up lower-cased (as the People page's form does).
export const agentEmailSchema = z.string().trim().toLowerCase().pipe(z.email('Not an email address.').max(254, 'At most 254 characters.'));

/** An empty query parameter (`?status=`) is no filter, as a client that fills every field from a form sends it. */
function blank<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema);
}

export const AGENT_ORDER_FIELDS = ['id', 'displayName', 'createdAt', 'updatedAt', 'status'] as const;

export const agentListQuerySchema = z.object({
  page: blank(paginationSchema.page),
  limit: blank(paginationSchema.limit),
  orderBy: blank(orderBySchema(AGENT_ORDER_FIELDS, 'id:asc')),
  agentIds: listOf(idSchema).optional(),
  queueIds: listOf(idSchema).optional(),
  displayName: blank(z.string().trim().max(255, 'At most 255 characters.').optional()),
  email: blank(z.string().trim().max(320, 'At most 320 characters.').optional()),
  status: blank(statusSchema.optional()),
  availability: blank(statusSchema.optional()),
  role: blank(roleSchema.optional()),
  enabled: blank(z.enum(['true', 'false'], { message: 'Expected true or false.' }).transform((v) => v === 'true').optional()),
  createdAfter: blank(dateTimeSchema.optional()),
  createdBefore: blank(dateTimeSchema.optional()),
  updatedAfter: blank(dateTimeSchema.optional()),
  updatedBefore: blank(dateTimeSchema.optional()),
});
export type AgentListQuery = z.output<typeof agentListQuerySchema>;

export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 1000;

/**
 * An agent's capacity (SPEC §4): how many open (OPEN + WAITING) conversations auto-assignment may
 * give them; null is unlimited. Manual assignment may go past it. An extension beyond the reference.
 */
export const capacitySchema = z
  .number({ message: `Expected a whole number from ${CAPACITY_MIN} to ${CAPACITY_MAX}, or null for unlimited.` })
  .int('Expected a whole number.')
  .min(CAPACITY_MIN, `At least ${CAPACITY_MIN} (empty, or null, is unlimited).`)
  .max(CAPACITY_MAX, `At most ${CAPACITY_MAX}.`)
  .nullable();

const capacityField = (absent: string) =>
  capacitySchema.optional().meta({
    description: `Extension beyond the reference: the most open (OPEN + WAITING) conversations auto-assignment gives this agent, ${CAPACITY_MIN}–${CAPACITY_MAX}; null for unlimited; ${absent}. Manual assignment may exceed it. Only admins change it.`,
  });

// What a client read back and sends again: accepted, and ignored (they are reports, not settings).
const ignored = () => z.unknown().optional().meta({ description: 'Read-only: accepted as read back, and ignored.' });
const readOnly = { createdAt: ignored(), updatedAt: ignored(), availability: ignored(), admin: ignored(), setPasswordUrl: ignored() };

/** POST /agents: the reference's AgentRequest plus the email the new user signs in with (required, an extension). */
export const createAgentSchema = z.strictObject({
  displayName,
  status: statusSchema,
  role: roleSchema,
  enabled: z.boolean({ message: 'Expected true or false.' }).nullish().transform((v) => v ?? true),
  email: agentEmailSchema,
  capacity: capacityField('left out: unlimited'),
  id: ignored(),
  ...readOnly,
});
export type CreateAgentInput = z.output<typeof createAgentSchema>;

/**
 * PUT /agents/{agentId}: displayName, status and role as the reference requires them; `enabled`
 * left out (or null) stays as it is. `id` and `email` may come back as read; another value is refused.
 */
export const updateAgentSchema = z.strictObject({
  agentId: idSchema,
  displayName,
  status: statusSchema,
  role: roleSchema,
  enabled: z.boolean({ message: 'Expected true or false.' }).nullish(),
  capacity: capacityField('left out: unchanged'),
  id: z.string().nullish().meta({ description: 'Read-only: may be sent back as read; another id than the path’s is refused.' }),
  email: z.string().nullish().meta({ description: 'Read-only here: may be sent back as read; a different email is refused.' }),
  ...readOnly,
});
export type UpdateAgentInput = z.output<typeof updateAgentSchema>;

/** GET /agents/{agentId}/conversations: the conversation list's paging, for one assignee. */
export const agentConversationsQuerySchema = conversationListQuerySchema.pick({ page: true, limit: true, orderBy: true }).extend({ agentId: idSchema });
export type AgentConversationsQuery = z.output<typeof agentConversationsQuerySchema>;

/** One user's new set-password link (the People page). */
export const passwordLinkSchema = z.strictObject({ userId: idSchema });

// OWASP ASVS 5.0 V6.2.1 and V6.2.9: at least 8, and at least 64 must be allowed. The common-password
// check (lib/auth/password-policy.ts) runs in the domain functions that set a password.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** The set-password page's form: the token from the link and the new password, twice. */
export const setPasswordSchema = z
  .strictObject({
    token: z.string().trim().min(1, 'This link has no token.').max(200, 'This link is not valid.'),
    password: z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });
export type SetPasswordInput = z.output<typeof setPasswordSchema>;
