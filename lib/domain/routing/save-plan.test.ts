import { describe, expect, it } from 'vitest';
import { planRouteSave } from './save-plan';

const createdAt = new Date('2026-01-01T00:00:00Z');
const stored = (id: string, position: number, expression: unknown = { $eq: { 'message.channel': 'SMS' } }) =>
  ({ id, position, name: id, enabled: true, expression, queueId: 'q', priority: null, routeOnlyDuringWorkingHours: false, createdAt });
const incoming = (id: string | undefined, name: string, expression: object = { $eq: { 'message.channel': 'SMS' } }) =>
  ({ ...(id && { id }), name, enabled: true, expression, queueId: 'q', priority: null });

describe('planRouteSave', () => {
  it('leaves unchanged routes alone, rewrites changed ones under their id, inserts new ones, deletes the rest', () => {
    let n = 0;
    const plan = planRouteSave([stored('a', 0), stored('b', 1), stored('c', 2)], [incoming('a', 'a'), incoming(undefined, 'new'), incoming('b', 'b')], () => `id${++n}`);
    expect(plan.routes.map((r) => [r.id, r.position])).toEqual([['a', 0], ['id1', 1], ['b', 2]]);
    expect(plan.remove.sort()).toEqual(['b', 'c']);
    expect(plan.write.map((r) => [r.id, r.position, r.createdAt])).toEqual([['id1', 1, undefined], ['b', 2, createdAt]]);
  });

  it('reads an expression with its keys in another order (as jsonb returns it) as unchanged', () => {
    const plan = planRouteSave([stored('a', 0, { $and: [{ $eq: { x: 1 } }], $or: [] })], [incoming('a', 'a', { $or: [], $and: [{ $eq: { x: 1 } }] })]);
    expect(plan).toMatchObject({ remove: [], write: [] });
  });
});
