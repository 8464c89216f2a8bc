import { NextResponse } from 'next/server';
import { z } from 'zod';
import { apiRoute } from '@/lib/http/handler';
import { readJson } from '@/lib/http/request';
import { apiTimestamp } from '@/lib/http/format';
import { AVAILABILITY_TO_STATUS, changeAvailability, STATUS_TO_AVAILABILITY } from '@/lib/domain/assignment/presence';
import { parseOrThrow } from '@/lib/domain/errors';

const body = z.strictObject({ status: z.enum(['ACTIVE', 'BUSY', 'AWAY', 'INVISIBLE'], { message: 'Expected ACTIVE, BUSY, AWAY or INVISIBLE.' }) });

// ACTIVE→ONLINE, BUSY→BUSY, AWAY/INVISIBLE→OFFLINE (which reassigns the agent's open conversations).
export const PUT = apiRoute(async (req, { db, actor, params }) => {
  const { status } = parseOrThrow(body, await readJson(req));
  await changeAvailability(db, actor, params.agentId, STATUS_TO_AVAILABILITY[status]);
  const u = await db.user.findUniqueOrThrow({ where: { id: params.agentId } });
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
