import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiTimestamp } from '@/lib/http/format';
import { AVAILABILITY_TO_STATUS, changeAvailability, STATUS_TO_AVAILABILITY } from '@/lib/domain/assignment/presence';
import { parseOrThrow } from '@/lib/domain/errors';
import { agentStatusBodySchema } from '@/lib/validation/presence';

// ACTIVE→ONLINE, BUSY→BUSY, AWAY/INVISIBLE→OFFLINE (which reassigns the agent's open conversations).
export const PUT = apiRoute(async (req, { db, actor, params }) => {
  const { status } = parseOrThrow(agentStatusBodySchema, await readJson(req));
  const u = await changeAvailability(db, actor, { agentId: params.agentId, availability: STATUS_TO_AVAILABILITY[status] });
  return NextResponse.json({
    id: u.id,
    displayName: u.name,
    status: AVAILABILITY_TO_STATUS[u.availability],
    availability: AVAILABILITY_TO_STATUS[u.availability],
    role: u.role === 'AGENT' ? 'AGENT' : 'SUPERVISOR',
    enabled: u.enabled,
    createdAt: apiTimestamp(u.createdAt),
    updatedAt: apiTimestamp(u.updatedAt),
  });
});
