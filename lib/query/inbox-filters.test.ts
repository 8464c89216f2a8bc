import { describe, expect, it } from 'vitest';
import { effectiveFilters, inboxHref, parseInboxFilters, toListQuery, withoutDefaults } from './inbox-filters';

const agent = { id: 'u-1', role: 'AGENT' as const };
const sup = { id: 'u-9', role: 'SUPERVISOR' as const };

describe('inbox filters', () => {
  it('reads the URL, dropping bad values one by one instead of failing the page', () => {
    expect(parseInboxFilters({ status: 'OPEN', priority: 'SOON', tag: 'has space', q: '  printer ', page: '-3', queue: ['q1', 'q2'] })).toEqual({
      status: 'OPEN',
      priority: undefined,
      tag: undefined,
      q: 'printer',
      page: 0,
      queue: 'q1',
      inbox: undefined,
      assignee: undefined,
      sort: undefined,
    });
  });

  it('writes equal filters to the same address, leaving out page 0 and empty values', () => {
    expect(inboxHref(parseInboxFilters({}))).toBe('/inbox');
    expect(inboxHref({ q: 'a b', status: 'WAITING', page: 0, tag: 'vip' })).toBe('/inbox?status=WAITING&tag=vip&q=a+b');
    expect(inboxHref({ page: 2, assignee: 'me' })).toBe('/inbox?assignee=me&page=2');
  });

  it('turns the assignee into the domain query: me, unassigned or one agent', () => {
    const base = { page: 1 };
    expect(toListQuery({ ...base, assignee: 'me' }, agent)).toMatchObject({ agentId: 'u-1', unassigned: undefined, page: 1, limit: 25 });
    expect(toListQuery({ ...base, assignee: 'unassigned' }, agent)).toMatchObject({ agentId: undefined, unassigned: true });
    expect(toListQuery({ ...base, assignee: 'u-2', queue: 'q', tag: 'vip', q: 'x' }, agent)).toMatchObject({
      agentId: 'u-2',
      queueIds: ['q'],
      tagNames: ['vip'],
      text: 'x',
    });
  });

  it('opens on open work: an agent’s own and takeable ones, anyone’s for a supervisor, longest waiting first', () => {
    expect(toListQuery({ page: 0 }, agent)).toMatchObject({ status: ['OPEN', 'WAITING'], mineOrUnassigned: 'u-1', agentId: undefined, orderBy: 'waitingSince:asc', defaultView: true });
    expect(toListQuery({ page: 0 }, sup)).toMatchObject({ status: ['OPEN', 'WAITING'], mineOrUnassigned: undefined, agentId: undefined, orderBy: 'waitingSince:asc' });
    expect(effectiveFilters({ page: 0 }, 'AGENT')).toMatchObject({ status: 'active', assignee: 'mine', sort: 'waitingSince:asc' });
    expect(effectiveFilters({ page: 0 }, 'ADMIN')).toMatchObject({ status: 'active', assignee: 'any' });
  });

  it('widens on request: all statuses, anyone; keeps the sort in the address', () => {
    const q = toListQuery({ page: 0, status: 'all', assignee: 'any', sort: 'priority:asc' }, agent);
    expect(q).toMatchObject({ status: undefined, mineOrUnassigned: undefined, agentId: undefined, orderBy: 'priority:asc' });
    expect(q.defaultView).toBeUndefined();
    expect(toListQuery({ page: 0, status: 'SOLVED' }, agent)).toMatchObject({ status: ['SOLVED'], defaultView: undefined });
    expect(inboxHref({ page: 1, sort: 'createdAt:asc', status: 'all' })).toBe('/inbox?status=all&sort=createdAt%3Aasc&page=1');
    expect(parseInboxFilters({ sort: 'createdAt:asc', status: 'all' })).toMatchObject({ sort: 'createdAt:asc', status: 'all' });
    expect(parseInboxFilters({ sort: 'id:asc' }).sort).toBeUndefined();
  });

  it('a search looks through everything one may see unless a tab or an assignee narrows it', () => {
    expect(toListQuery({ page: 0, q: 'parcel' }, agent)).toMatchObject({ status: undefined, mineOrUnassigned: undefined, text: 'parcel' });
    expect(toListQuery({ page: 0, q: 'parcel', status: 'active', assignee: 'mine' }, agent)).toMatchObject({ status: ['OPEN', 'WAITING'], mineOrUnassigned: 'u-1' });
    // Defaults chosen explicitly drop out of the address; others stay.
    expect(withoutDefaults({ page: 0, status: 'active', assignee: 'mine', sort: 'waitingSince:asc' }, 'AGENT')).toMatchObject({ status: undefined, assignee: undefined, sort: undefined });
    expect(withoutDefaults({ page: 0, assignee: 'mine' }, 'SUPERVISOR').assignee).toBe('mine');
    expect(withoutDefaults({ page: 0, q: 'x', status: 'active' }, 'AGENT').status).toBe('active');
  });
});
