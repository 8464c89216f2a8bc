import type { AgentStatus, Availability, Role } from '../generated/prisma/enums';

/** The columns every agent answer is built from (lib/http/agent-mapper.ts). */
export const AGENT_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  availability: true,
  enabled: true,
  capacity: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type AgentRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: AgentStatus;
  availability: Availability;
  enabled: boolean;
  /** Open conversations auto-assignment may give them; null is unlimited. */
  capacity: number | null;
  createdAt: Date;
  updatedAt: Date;
};
