import { describe, expect, it } from 'vitest';
import { describeEvent, type TimelineNames } from './timeline-words';

const ANA = 'u-ana';
const BEN = 'u-ben';
const names: TimelineNames = { queues: new Map(), agents: new Map([[ANA, 'Ana Alvarez'], [BEN, 'Ben Brooks']]), inboxes: new Map() };
const ana = { actorKind: 'USER' as const, actorName: 'Ana Alvarez', actorUserId: ANA };
const assigned = (from: string | null, to: string | null) => ({ kind: 'ASSIGNEE_CHANGED' as const, before: { agentId: from }, after: { agentId: to } });

// Issue 15: "Ana Alvarez assigned it to Ana Alvarez (round robin)" read as if Ana had chosen.
describe('assignment words', () => {
  it('auto-assignment during someone’s change is auto-assignment, not theirs', () => {
    expect(describeEvent({ ...assigned(null, ANA), ...ana, reason: 'round robin' }, names)).toBe('Auto-assigned to Ana Alvarez (round robin)');
    expect(describeEvent({ ...assigned(null, BEN), actorKind: 'API_KEY', actorName: 'bot', actorUserId: null, reason: 'load balancing: 2 open, fewest' }, names)).toBe(
      'Auto-assigned to Ben Brooks (load balancing: 2 open, fewest)',
    );
  });

  it('taking a conversation oneself reads “took it”', () => {
    expect(describeEvent({ ...assigned(null, ANA), ...ana, reason: null }, names)).toBe('Ana Alvarez took it');
    expect(describeEvent({ ...assigned(BEN, ANA), ...ana, reason: null }, names)).toBe('Ana Alvarez took it from Ben Brooks');
    expect(describeEvent({ ...assigned(ANA, null), ...ana, reason: 'sent back to routing' }, names)).toBe('Ana Alvarez unassigned themselves (sent back to routing)');
  });

  it('choosing someone else, and the system’s own moves, read as before', () => {
    expect(describeEvent({ ...assigned(null, BEN), ...ana, reason: null }, names)).toBe('Ana Alvarez assigned it to Ben Brooks');
    expect(describeEvent({ ...assigned(ANA, BEN), actorKind: 'SYSTEM', actorName: null, reason: 'reassigned: Ana Alvarez went offline — round robin' }, names)).toBe(
      'System reassigned it from Ana Alvarez to Ben Brooks (reassigned: Ana Alvarez went offline — round robin)',
    );
  });
});
