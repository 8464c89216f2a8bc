import { z } from 'zod';
import { Availability } from '../generated/prisma/enums';
import { idSchema } from './common';

// Agents' presence: the API's status words (the reference's AgentStatusGroup) and the console's
// availability (SPEC §4); lib/domain/assignment/presence.ts maps one onto the other.

export const AGENT_STATUSES = ['ACTIVE', 'BUSY', 'AWAY', 'INVISIBLE'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** PUT /agents/{agentId}/status's body. */
export const agentStatusBodySchema = z.strictObject({ status: z.enum(AGENT_STATUSES, { message: 'Expected ACTIVE, BUSY, AWAY or INVISIBLE.' }) });
export const agentStatusRequestSchema = agentStatusBodySchema.extend({ agentId: idSchema });

export const AVAILABILITIES = Object.values(Availability) as [Availability, ...Availability[]];
export const availabilitySchema = z.enum(AVAILABILITIES);

/** The console's switch: the signed-in agent's own availability. */
export const myAvailabilitySchema = z.strictObject({ availability: availabilitySchema });

/** One agent by id (heartbeat). */
export const agentRefSchema = z.object({ agentId: idSchema });
export type AgentRef = z.output<typeof agentRefSchema>;

/** Whose availability changes, and to what (with the status word chosen over the API, when there is one). */
export const changeAvailabilitySchema = z.object({ agentId: idSchema, availability: availabilitySchema, status: z.enum(AGENT_STATUSES).optional() });
export type ChangeAvailabilityInput = z.output<typeof changeAvailabilitySchema>;
