'use client';

import { useState } from 'react';
import { assignConversationAction, routeConversationAction } from '@/lib/actions/conversations';
import type { ConversationRow } from '@/lib/domain/conversations/inbox-list';
import { useConversationAction } from '@/lib/query/conversations';
import { errorFor } from '@/components/ui/controls';

export type CommandNotice = { tone: 'done' | 'refused'; text: string; at: number };

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

/**
 * "Assign to me" and "Route" for the selected row (the a and r shortcuts): the same server actions
 * as the buttons, so the server decides and its refusal is shown in words. Every outcome becomes
 * a notice, since the key press has no control of its own to show it beside.
 */
export function useRowCommands(meId: string) {
  const assign = useConversationAction(assignConversationAction);
  const route = useConversationAction(routeConversationAction);
  const [notice, setNotice] = useState<CommandNotice | null>(null);
  const say = (tone: CommandNotice['tone'], text: string) => setNotice({ tone, text, at: Date.now() });
  const name = (row: ConversationRow) => `“${row.topic || 'No topic'}”`;

  async function assignToMe(row: ConversationRow) {
    if (assign.pending) return;
    if (row.agent?.id === meId) return say('done', `${name(row)} is already assigned to you.`);
    const result = await assign.run({ conversationId: row.id, agentId: meId });
    if (result?.ok) say('done', `Assigned ${name(row)} to you.`);
    else say('refused', `Could not assign ${name(row)} to you: ${result ? errorFor(result.error, 'agentId') : UNREACHABLE}`);
  }

  async function sendToRouting(row: ConversationRow) {
    if (route.pending) return;
    const result = await route.run({ conversationId: row.id });
    if (!result?.ok) return say('refused', `Could not send ${name(row)} back to routing: ${result ? result.error.message : UNREACHABLE}`);
    const { queue, agent } = result.data;
    say('done', `Sent ${name(row)} back to routing: ${queue ? `queue ${queue}` : 'no queue'}, ${agent ? `assigned to ${agent}` : 'unassigned'}.`);
  }

  return { assignToMe, sendToRouting, notice, pending: assign.pending || route.pending };
}
