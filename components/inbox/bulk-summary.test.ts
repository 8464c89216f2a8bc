import { describe, expect, it } from 'vitest';
import { bulkSummary, doneWords } from './bulk-summary';

describe('bulk summary', () => {
  it('says what was done and why the rest was refused, grouping reasons', () => {
    expect(bulkSummary({ done: 3, refused: [{ id: 'a', reason: 'closed' }] }, doneWords({ kind: 'assign', agentId: 'x' }, 'Ana'))).toBe('3 assigned to Ana, 1 refused: closed');
    expect(bulkSummary({ done: 2, refused: [] }, doneWords({ kind: 'status', status: 'SOLVED' }))).toBe('2 set to Solved');
    const refused = [
      { id: 'a', reason: 'closed' },
      { id: 'b', reason: 'not found' },
      { id: 'c', reason: 'closed' },
    ];
    expect(bulkSummary({ done: 0, refused }, doneWords({ kind: 'addTag', tagName: 'vip' }))).toBe('0 tagged vip, 3 refused: 2 closed, 1 not found');
  });
});
