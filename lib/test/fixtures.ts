// Small builders for domain integration tests. Every row gets a unique name so tests can share one
// database per file (describeEachEngine) and make fresh rows instead of resetting.
import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client';
import type { Channel, Role } from '../generated/prisma/enums';
import type { Actor } from '../access/actor';
import { DomainError, type DomainErrorCode } from '../domain/errors';

/** How many concurrent calls a race test makes: more than the 4 connections of the test pool. */
export const RACERS = 8;

/**
 * The same client, with patient transactions, for race tests: calls that meet on one row (a new
 * customer, a tag, an inbox lock) run one after another while holding their connection, and on a
 * busy test machine Prisma's defaults (2 s to get a connection, 5 s per transaction) would fail
 * them for slowness. Races are about what is written, not how fast.
 */
export function patient(p: PrismaClient): PrismaClient {
  const options = { maxWait: 30_000, timeout: 60_000 };
  return new Proxy(p, {
    get(target, prop) {
      if (prop === '$transaction') {
        const tx = target.$transaction as (a: unknown, o?: object) => unknown;
        return (arg: unknown, opts?: object) => tx.call(target, arg, typeof arg === 'function' ? { ...options, ...opts } : opts);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const uid = (prefix = 'x') => `${prefix}-${crypto.randomBytes(5).toString('hex')}`;

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type ApiKeyActor = Extract<Actor, { kind: 'apiKey' }>;

export async function makeUser(p: PrismaClient, role: Role = 'AGENT', over: { enabled?: boolean } = {}): Promise<UserActor> {
  const name = uid(role.toLowerCase());
  const u = await p.user.create({ data: { email: `${name}@t.example`, name, passwordHash: 'x', role, ...over } });
  return { kind: 'user', id: u.id, role, name: u.name, email: u.email };
}

/** An API key row and its actor; `userId` makes it act as that user (and see what they see). */
export async function makeApiKeyActor(p: PrismaClient, role: Role, userId: string | null = null): Promise<ApiKeyActor> {
  const name = uid('key');
  const k = await p.apiKey.create({ data: { name, role, userId, prefix: name, hash: crypto.randomBytes(32).toString('hex') } });
  return { kind: 'apiKey', id: k.id, role, name, userId };
}

export async function makeInbox(p: PrismaClient, data: { channel?: Channel; isDefault?: boolean; collaborators?: string[]; createdAt?: Date } = {}) {
  const { collaborators = [], ...rest } = data;
  return p.inbox.create({ data: { name: uid('inbox'), ...rest, collaborators: { create: collaborators.map((userId) => ({ userId })) } } });
}

export async function makeQueue(p: PrismaClient, members: string[] = []) {
  return p.queue.create({ data: { name: uid('queue'), members: { create: members.map((userId) => ({ userId })) } } });
}

/** A conversation row written directly (no domain logic), for tests of the other operations. */
export async function makeConversation(p: PrismaClient, data: Parameters<PrismaClient['conversation']['create']>[0]['data'] = {}) {
  return p.conversation.create({ data: { topic: uid('topic'), ...data } });
}

/** Row counts of every table a conversation write touches: compare before/after a refused call. */
export async function counts(p: PrismaClient) {
  const [conversations, customers, tags, conversationTags, messages, timeline] = await Promise.all([
    p.conversation.count(),
    p.customer.count(),
    p.tag.count(),
    p.conversationTag.count(),
    p.message.count(),
    p.timelineEvent.count(),
  ]);
  return { conversations, customers, tags, conversationTags, messages, timeline };
}

/** Awaits a refusal and checks it is a DomainError with this code (and, when given, these field keys). */
export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode, fields?: string[]): Promise<DomainError> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the call to be refused').toBeInstanceOf(DomainError);
  const de = error as DomainError;
  expect({ code: de.code, message: de.message }).toMatchObject({ code });
  for (const f of fields ?? []) expect(de.fields ?? {}, `fields should name ${f}`).toHaveProperty([f]);
  return de;
}
