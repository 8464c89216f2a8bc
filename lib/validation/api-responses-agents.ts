import { z } from 'zod';
import { API_TIMESTAMP, apiResponseRegistry, apiPaginationSchema } from './api-responses';
import { AGENT_STATUSES } from './presence';
import { AGENT_ROLES, CAPACITY_MAX, CAPACITY_MIN } from './agents';

// The Agents API's answers (reference AgentResponseWithEmail, AgentResponseResultPage), strict as
// the rest of lib/validation/api-responses.ts: the contract tests parse every real answer with them.

const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });

export const apiAgentSchema = z
  .strictObject({
    id: z.string().min(1).max(255),
    displayName: z.string(),
    status: z.enum(AGENT_STATUSES).meta({ description: 'What the agent chose: ACTIVE, BUSY, AWAY or INVISIBLE.' }),
    availability: z
      .enum(AGENT_STATUSES)
      .meta({
        description:
          'The effective state, which `status` (the choice) does not show: AWAY when the chosen status is AWAY or INVISIBLE, or when the agent’s console stopped sending heartbeats for longer than the grace period (PRESENCE_GRACE_SECONDS, default 90; "away — disconnected": they take nothing new by auto-assignment and keep their conversations, and their next heartbeat brings them back as they were; only after PRESENCE_REASSIGN_AFTER_MINUTES, default 15, of continued silence are they set OFFLINE and their conversations reassigned); BUSY when the status is BUSY or they are at capacity (their OPEN + WAITING conversations reach `capacity`); otherwise ACTIVE. The list’s `availability` filter matches this effective state; INVISIBLE matches nobody.',
      }),
    role: z.enum(AGENT_ROLES).meta({ description: 'Admins show as SUPERVISOR (the reference has no admin role), with admin: true.' }),
    admin: z.boolean().meta({ description: 'Extension: true for an admin. No request of this API changes an admin’s role.' }),
    enabled: z.boolean(),
    email: z.string().meta({ description: 'The email the agent signs in with.' }),
    capacity: z
      .number()
      .int()
      .min(CAPACITY_MIN)
      .max(CAPACITY_MAX)
      .nullable()
      .meta({ description: 'Extension beyond the reference: the most open (OPEN + WAITING) conversations auto-assignment gives the agent; null is unlimited. Manual assignment may exceed it.' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'An agent (a user of the console): the reference’s AgentResponseWithEmail plus admin and capacity.' })
  .register(apiResponseRegistry, { id: 'AgentResponse' });

export const apiCreatedAgentSchema = apiAgentSchema
  .extend({
    setPasswordUrl: z.string().regex(/^https?:\/\/[^\s]+\/set-password\?token=[A-Za-z0-9_-]+$/).meta({
      description: 'Extension: a one-time link (valid 72 hours) where the new agent sets a password. Shown in this answer only; the People page can issue a new one.',
    }),
  })
  .meta({ description: 'The new agent and their one-time set-password link.' })
  .register(apiResponseRegistry, { id: 'CreatedAgentResponse' });

export const apiAgentPageSchema = z
  .strictObject({ agents: z.array(apiAgentSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of agents.' })
  .register(apiResponseRegistry, { id: 'AgentResponseResultPage' });
