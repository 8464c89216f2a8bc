import type { Availability } from '../generated/prisma/enums';
import type { AgentRow } from '../domain/agent-row';
import { apiTimestamp } from './format';

/**
 * The effective state in the reference's words. ONLINE is ACTIVE, BUSY is BUSY, OFFLINE is AWAY
 * (INVISIBLE is a choice, never an effect). Capacity and silent consoles will report BUSY and AWAY
 * here once they exist.
 */
export const EFFECTIVE_AVAILABILITY: Record<Availability, 'ACTIVE' | 'BUSY' | 'AWAY'> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

/** The one agent JSON of every agent operation (AgentResponse in lib/validation/api-responses-agents.ts). */
export function apiAgent(u: AgentRow) {
  return {
    id: u.id,
    displayName: u.name,
    status: u.status,
    availability: EFFECTIVE_AVAILABILITY[u.availability],
    // The reference knows AGENT and SUPERVISOR only: an admin reads as a supervisor who is an admin.
    role: u.role === 'AGENT' ? ('AGENT' as const) : ('SUPERVISOR' as const),
    admin: u.role === 'ADMIN',
    enabled: u.enabled,
    email: u.email,
    capacity: u.capacity,
    createdAt: apiTimestamp(u.createdAt),
    updatedAt: apiTimestamp(u.updatedAt),
  };
}
