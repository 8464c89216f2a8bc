import type { Availability } from '../generated/prisma/enums';
import type { AgentRow } from '../domain/agent-row';
import { apiTimestamp } from './format';

export type EffectiveAvailability = 'ACTIVE' | 'BUSY' | 'AWAY';

/** The chosen availability in the reference's words (INVISIBLE is a choice, never an effect). */
export const EFFECTIVE_AVAILABILITY: Record<Availability, EffectiveAvailability> = { ONLINE: 'ACTIVE', BUSY: 'BUSY', OFFLINE: 'AWAY' };

/**
 * The effective state (SPEC §4), the one definition: AWAY when OFFLINE or when their console fell
 * silent (away — disconnected: the chosen status stays, `status` shows it); BUSY when they chose
 * BUSY or are at capacity (open OPEN + WAITING conversations ≥ capacity); otherwise ACTIVE.
 */
export function effectiveAvailability(u: Pick<AgentRow, 'availability' | 'disconnectedAt' | 'capacity'> & { open: number }): EffectiveAvailability {
  if (u.availability === 'OFFLINE' || u.disconnectedAt) return 'AWAY';
  if (u.availability === 'BUSY' || (u.capacity != null && u.open >= u.capacity)) return 'BUSY';
  return 'ACTIVE';
}

/** The one agent JSON of every agent operation (AgentResponse in lib/validation/api-responses-agents.ts). */
export function apiAgent(u: AgentRow) {
  return {
    id: u.id,
    displayName: u.name,
    status: u.status,
    availability: effectiveAvailability({ ...u, open: u._count.assignedConversations }),
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
