import type { BulkResult } from '@/lib/domain/conversations/bulk';
import type { BulkActionInput as BulkAction } from '@/lib/validation/bulk';
import { STATUS_LABEL } from '@/lib/format';

/** What a bulk action did, in the past tense of its verb: "assigned to Ana", "set to Solved", "tagged vip". */
export function doneWords(action: BulkAction, agentName?: string): string {
  switch (action.kind) {
    case 'assign':
      return action.agentId ? `assigned to ${agentName ?? 'the agent'}` : 'unassigned';
    case 'status':
      return `set to ${STATUS_LABEL[action.status]}`;
    case 'addTag':
      return `tagged ${action.tagName}`;
    case 'removeTag':
      return `untagged ${action.tagName}`;
    case 'route':
      return 'sent to routing';
    case 'snooze':
      return 'snoozed';
    case 'unsnooze':
      return 'unsnoozed';
  }
}

/** "3 assigned to Ana, 1 refused: closed"; several reasons: "2 refused: 1 closed, 1 not found". */
export function bulkSummary(result: Pick<BulkResult, 'done' | 'refused'>, done: string): string {
  const parts = [`${result.done} ${done}`];
  if (result.refused.length) {
    const byReason = new Map<string, number>();
    for (const r of result.refused) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
    const reasons = byReason.size === 1 ? [...byReason.keys()][0] : [...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ');
    parts.push(`${result.refused.length} refused: ${reasons}`);
  }
  return parts.join(', ');
}
