import { describe, expect, it } from 'vitest';
import { inboxHref, parseInboxFilters, toListQuery } from './inbox-filters';

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
    });
  });

  it('writes equal filters to the same address, leaving out page 0 and empty values', () => {
    expect(inboxHref(parseInboxFilters({}))).toBe('/inbox');
    expect(inboxHref({ q: 'a b', status: 'WAITING', page: 0, tag: 'vip' })).toBe('/inbox?status=WAITING&tag=vip&q=a+b');
    expect(inboxHref({ page: 2, assignee: 'me' })).toBe('/inbox?assignee=me&page=2');
  });

  it('turns the assignee into the domain query: me, unassigned or one agent', () => {
    const base = { page: 1 };
    expect(toListQuery({ ...base, assignee: 'me' }, 'u-1')).toMatchObject({ agentId: 'u-1', unassigned: undefined, page: 1, limit: 25 });
    expect(toListQuery({ ...base, assignee: 'unassigned' }, 'u-1')).toMatchObject({ agentId: undefined, unassigned: true });
    expect(toListQuery({ ...base, assignee: 'u-2', queue: 'q', tag: 'vip', q: 'x' }, 'u-1')).toMatchObject({
      agentId: 'u-2',
      queueIds: ['q'],
      tagNames: ['vip'],
      text: 'x',
    });
  });
});
