import crypto from 'node:crypto';
import type { Db } from '../db';
import { isUniqueViolation, sqlOf, sqlTimestamp } from '../db/sql';
import type { Role } from '../generated/prisma/enums';
import { assertCan, type Actor } from '../access/actor';
import type { ApiKeyRef, CreateApiKeyInput } from '../validation/api-keys';
import { DomainError } from '../domain/errors';

// Keys are 256 random bits, so one SHA-256 is enough to store them (no slow hash needed: nothing
// to brute-force). Only the hash and a short display prefix are kept; the key is shown once.

const KEY_PREFIX = 'sbk_';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export type NewApiKey = { key: string; id: string; name: string; prefix: string; role: Role };

// Creating and revoking need apiKeys.manage, which the registry checks before these run.

export async function createApiKey(db: Db, actor: Actor, { name, role }: CreateApiKeyInput): Promise<NewApiKey> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
    const prefix = key.slice(0, 12);
    try {
      const row = await db.apiKey.create({
        data: { name, role, prefix, hash: hashApiKey(key), createdById: actor.kind === 'user' ? actor.id : null },
      });
      return { key, id: row.id, name: row.name, prefix, role };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // prefix collision: draw again
    }
  }
  throw new Error('Could not create a unique API key');
}

export async function listApiKeys(db: Db, actor: Actor) {
  assertCan(actor, 'apiKeys.manage');
  return db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, role: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export async function revokeApiKey(db: Db, actor: Actor, { keyId: id }: ApiKeyRef): Promise<void> {
  const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) {
    const exists = await db.apiKey.findUnique({ where: { id }, select: { id: true } });
    throw exists ? new DomainError('CONFLICT', 'This key is already revoked.') : new DomainError('NOT_FOUND', 'API key not found.');
  }
}

/**
 * The actor for an `Authorization: App <key>` / `Bearer <key>` header, or null (401). One round
 * trip on every API request: the key and its owner are read, and the last use is written to the
 * minute (enough to tell a live key from a dead one without a write per request), in one statement.
 */
export async function authenticateApiKey(db: Db, authorization: string | null): Promise<Extract<Actor, { kind: 'apiKey' }> | null> {
  const m = /^(App|Bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m || !m[2].startsWith(KEY_PREFIX) || m[2].length > 200) return null;
  const [key] = await sqlOf(db).query<{ id: string; name: string; role: Role | null; userId: string | null; ownerRole: Role | null }>(
    `WITH k AS (
       SELECT a.id, a.name, a.role::text AS role, a."userId", u.role::text AS "ownerRole"
       FROM "ApiKey" a LEFT JOIN "User" u ON u.id = a."userId"
       WHERE a.hash = $1 AND a."revokedAt" IS NULL AND (a."userId" IS NULL OR u.enabled)),
     used AS (
       UPDATE "ApiKey" SET "lastUsedAt" = $2::timestamp(3)
       WHERE id = (SELECT id FROM k) AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $2::timestamp(3) - interval '1 minute'))
     SELECT * FROM k`,
    [hashApiKey(m[2]), sqlTimestamp(new Date())],
    { prepare: true },
  );
  if (!key) return null;
  const role = key.ownerRole ?? key.role;
  if (!role) return null;
  return { kind: 'apiKey', id: key.id, role, name: key.name, userId: key.userId };
}
