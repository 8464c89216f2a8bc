import crypto from 'node:crypto';
import type { Db, Tx } from '../db';
import { isUniqueViolation, sqlOf, sqlTimestamp } from '../db/sql';
import type { Role } from '../generated/prisma/enums';
import { assertCan, type Actor } from '../access/actor';
import { ROLE_LABEL, ROLE_RANK } from '../access/roles';
import type { ApiKeyRef, CreateApiKeyInput } from '../validation/api-keys';
import { DomainError } from '../domain/errors';
import { audit } from '../domain/audit';
import { unusablePasswordHash } from '../domain/password-tokens';
import { unitOfWork } from '../db/unit-of-work';
import { emit } from '../realtime/outbox';

// Keys are 256 random bits, so one SHA-256 is enough to store them (no slow hash needed: nothing
// to brute-force). Only the hash and a short display prefix are kept; the key is shown once.

const KEY_PREFIX = 'sbk_';

/** Bot users (made for a key) get an address in this reserved domain (RFC 2606): they receive no mail and cannot sign in. */
export const BOT_EMAIL_DOMAIN = 'bots.invalid';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

export type KeyOwner = { id: string; name: string; email: string; role: Role };
export type NewApiKey = { key: string; id: string; name: string; prefix: string; role: Role; owner: KeyOwner | null };

const ownerError = (message: string, field = 'owner') => new DomainError('BAD_REQUEST', message, { [field]: [message] });

/** The lower of two roles: what a key owned by a user acts with. */
export function effectiveKeyRole(keyRole: Role | null, ownerRole: Role | null): Role | null {
  if (!ownerRole) return keyRole;
  if (!keyRole) return ownerRole;
  return ROLE_RANK[keyRole] <= ROLE_RANK[ownerRole] ? keyRole : ownerRole;
}

/**
 * The owner of a new key: the user chosen (enabled, with at least the key's role), or a new bot
 * user. A bot user has the key's role, cannot sign in (no usable password) and has capacity 0, so
 * auto-assignment never hands it conversations while it collaborates on an inbox to see it.
 */
async function keyOwner(tx: Tx, actor: Actor, name: string, role: Role, owner: CreateApiKeyInput['owner']): Promise<KeyOwner | null> {
  if (!owner) {
    // Keys of their own (no user) are what existed before owners; only the command line still makes one.
    if (actor.kind === 'system') return null;
    throw ownerError('Choose who owns the key: a user, or a new bot user.');
  }
  if ('newBotUser' in owner) {
    const bot = await tx.user.create({
      data: { name, email: `bot-${crypto.randomBytes(6).toString('hex')}@${BOT_EMAIL_DOMAIN}`, role, passwordHash: unusablePasswordHash(), capacity: 0 },
      select: { id: true, name: true, email: true, role: true },
    });
    await audit(tx, actor, { entity: 'USER', entityId: bot.id, entityName: bot.name, action: 'create', after: { name: bot.name, email: bot.email, role: bot.role, capacity: 0, bot: true } });
    emit(tx, { type: 'users', id: bot.id });
    return bot;
  }
  // Shared lock: the owner's role cannot change under the check (request time takes the lower one anyway).
  const [user] = await tx.$queryRaw<(KeyOwner & { enabled: boolean })[]>`
    SELECT id, name, email, role::text AS role, enabled FROM "User" WHERE id = ${owner.userId} FOR SHARE`;
  if (!user) throw ownerError('No user has this id.', 'owner.userId');
  if (!user.enabled) throw ownerError(`${user.name} is disabled: a disabled user’s keys are refused.`, 'owner.userId');
  if (ROLE_RANK[role] > ROLE_RANK[user.role]) {
    throw ownerError(`A key’s role cannot exceed its owner’s: ${user.name} is ${ROLE_LABEL[user.role]}. Choose ${ROLE_LABEL[user.role]} or lower.`, 'role');
  }
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

// Creating and revoking need apiKeys.manage, which the registry checks before these run.

export async function createApiKey(db: Db, actor: Actor, { name, role, owner }: CreateApiKeyInput): Promise<NewApiKey> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
    const prefix = key.slice(0, 12);
    try {
      return await unitOfWork(db, async (tx) => {
        const by = await keyOwner(tx, actor, name, role, owner);
        const row = await tx.apiKey.create({
          data: { name, role, prefix, hash: hashApiKey(key), userId: by?.id ?? null, createdById: actor.kind === 'user' ? actor.id : actor.kind === 'apiKey' ? actor.userId : null },
          select: { id: true, name: true },
        });
        await audit(tx, actor, {
          entity: 'API_KEY',
          entityId: row.id,
          entityName: row.name,
          action: 'create',
          after: { name: row.name, prefix, role, ownerId: by?.id ?? null, ownerName: by?.name ?? null },
        });
        return { key, id: row.id, name: row.name, prefix, role, owner: by };
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // prefix collision: draw again
    }
  }
  throw new Error('Could not create a unique API key');
}

export async function listApiKeys(db: Db, actor: Actor) {
  assertCan(actor, 'apiKeys.manage');
  const keys = await db.apiKey.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      owner: { select: { id: true, name: true, role: true, enabled: true, email: true } },
    },
  });
  // What a request with the key acts as today: the lower of its role and its owner's.
  return keys.map((k) => ({ ...k, effectiveRole: effectiveKeyRole(k.role, k.owner?.role ?? null) }));
}

export async function revokeApiKey(db: Db, actor: Actor, { keyId: id }: ApiKeyRef): Promise<void> {
  await unitOfWork(db, async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) {
      const exists = await tx.apiKey.findUnique({ where: { id }, select: { id: true } });
      throw exists ? new DomainError('CONFLICT', 'This key is already revoked.') : new DomainError('NOT_FOUND', 'API key not found.');
    }
    const key = await tx.apiKey.findUniqueOrThrow({ where: { id }, select: { name: true, prefix: true } });
    await audit(tx, actor, { entity: 'API_KEY', entityId: id, entityName: key.name, action: 'revoke', before: { revoked: false }, after: { revoked: true, prefix: key.prefix } });
  });
}

/**
 * The actor for an `Authorization: App <key>` / `Bearer <key>` header, or null (401). One round
 * trip on every API request: the key and its owner are read, and the last use is written to the
 * minute (enough to tell a live key from a dead one without a write per request), in one statement.
 * A key whose owner is disabled is no key (401) for as long as the owner stays disabled.
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
  // Never more than the owner's role as it is now: demoting the owner demotes the key.
  const role = effectiveKeyRole(key.role, key.ownerRole);
  if (!role) return null;
  return { kind: 'apiKey', id: key.id, role, name: key.name, userId: key.userId };
}
