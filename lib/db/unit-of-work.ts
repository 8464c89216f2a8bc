import type { Db, Tx } from './index';
import { sqlOf, type Sql } from './sql';

/**
 * A unit of work is one database transaction plus what must happen around its commit. Code deep
 * inside it (a domain function, the realtime outbox) registers work on the client it was handed:
 *
 * - `beforeCommit`: runs after the unit's function, still inside the transaction (the outbox reads
 *   the final state of the conversations it touched there, so its events carry what committed);
 * - `afterCommit`: runs once the transaction has committed, never after a rollback. A hook that
 *   throws is logged and does not fail the unit: its change is already committed;
 * - `unitState`: per-transaction state (the outbox keeps its box there), gone with the unit.
 *
 * Two kinds of unit, one set of rules: `unitOfWork` on Prisma's interactive transaction, and
 * `sqlUnitOfWork` on the raw driver of the hot paths (lib/db/sql.ts), where the hooks cost no
 * statement: they live in memory, and BEGIN/COMMIT are the ones the raw transaction sends anyway.
 */

/** The client a unit of work hands to its function: Prisma's transaction client or the raw SQL one. */
export type UnitClient = Tx | Sql;

type Step = () => unknown;

type Unit = {
  // open: the function and the before-commit steps run; committing: COMMIT is under way, nothing may be added.
  phase: 'open' | 'committing' | 'ended';
  before: Step[];
  after: Step[];
  state: Map<symbol, unknown>;
};

// Keyed by the client object the transaction hands out: the same object travels through every
// function of that transaction, and a new transaction gets a new one.
const units = new WeakMap<object, Unit>();

/** Runs `fn` in one Prisma transaction; its after-commit hooks run once it has committed. */
export function unitOfWork<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return run((body) => db.$transaction(body), fn);
}

/**
 * Runs `fn` in one raw-SQL transaction (BEGIN … COMMIT on one connection, lib/db/sql.ts) with the
 * same hooks. For the hot paths, which know the committed state and emit their events directly.
 */
export function sqlUnitOfWork<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return run((body) => sqlOf(db).transaction(body), fn);
}

async function run<C extends object, T>(begin: (body: (client: C) => Promise<T>) => Promise<T>, fn: (client: C) => Promise<T>): Promise<T> {
  let unit: Unit | undefined;
  let value: T;
  try {
    value = await begin(async (client) => {
      unit = { phase: 'open', before: [], after: [], state: new Map() };
      units.set(client, unit);
      const result = await fn(client);
      // A step may register another (or an after-commit hook): run until none is left.
      for (let step = unit.before.shift(); step; step = unit.before.shift()) await step();
      unit.phase = 'committing';
      return result;
    });
  } catch (e) {
    // Rolled back (or the commit failed): the hooks die with the work.
    if (unit) end(unit);
    throw e;
  }
  const hooks = unit!.after;
  end(unit!);
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      console.error('after-commit hook failed (the unit of work is committed)', err);
    }
  }
  return value;
}

function end(unit: Unit): void {
  unit.phase = 'ended';
  unit.before = [];
  unit.after = [];
  unit.state.clear();
}

/** Whether `client` is the client of a unit of work still open (before its commit). */
export function inUnitOfWork(client: UnitClient): boolean {
  return units.get(client)?.phase === 'open';
}

function openUnit(client: UnitClient, what: string): Unit {
  const unit = units.get(client);
  if (unit?.phase === 'open') return unit;
  throw new Error(
    unit
      ? `${what}: this transaction has already ${unit.phase === 'committing' ? 'begun to commit' : 'ended'}; nothing more can be added to it.`
      : `${what} outside a unit of work: run the change in unitOfWork(db, (tx) => …) or sqlUnitOfWork (lib/db/unit-of-work.ts), so what it registers happens at commit.`,
  );
}

/** Registers `hook` to run once, after the unit commits; never if it rolls back. */
export function afterCommit(client: UnitClient, hook: () => unknown): void {
  openUnit(client, 'afterCommit').after.push(hook);
}

/** Registers `step` to run inside the transaction, after the unit's function and before COMMIT; a throw rolls back. */
export function beforeCommit(client: UnitClient, step: () => unknown): void {
  openUnit(client, 'beforeCommit').before.push(step);
}

/**
 * The unit's state under `key`, made by `init` on first use (which may register hooks). One symbol
 * per owner, declared beside the owner, so two owners never share a slot.
 */
export function unitState<S>(client: UnitClient, key: symbol, init: () => S, what = 'unitState'): S {
  const unit = openUnit(client, what);
  if (!unit.state.has(key)) unit.state.set(key, init());
  return unit.state.get(key) as S;
}
