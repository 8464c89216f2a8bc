import type { AgentStatus, Availability, ConversationStatus, Role } from '../generated/prisma/enums';

/** What counts against an agent's capacity (SPEC §4): their OPEN and WAITING conversations. */
export const OPEN_STATUSES: ConversationStatus[] = ['OPEN', 'WAITING'];

/**
 * The columns every agent answer is built from (lib/http/agent-mapper.ts). The open count is a
 * subquery of the same statement (Prisma's filtered _count), so a page of agents is still one read.
 */
export const AGENT_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  availability: true,
  disconnectedAt: true,
  capacity: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { assignedConversations: { where: { status: { in: OPEN_STATUSES } } } } },
} as const;

export type AgentRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: AgentStatus;
  availability: Availability;
  /** Set while their console is silent (the presence sweep): away — disconnected. */
  disconnectedAt: Date | null;
  /** Open conversations auto-assignment may give them; null is unlimited. */
  capacity: number | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** OPEN + WAITING conversations assigned to them. */
  _count: { assignedConversations: number };
};
