import type { TimelineEvent } from '@/lib/generated/prisma/client';
import type { ConversationStatus, Priority } from '@/lib/generated/prisma/enums';
import { PRIORITY_LABEL, STATUS_LABEL } from '@/lib/format';

/** Names for the ids that timeline events keep (they store ids, so a rename shows the current name). */
export type TimelineNames = { queues: Map<string, string>; agents: Map<string, string>; inboxes: Map<string, string> };

type EventWords = Pick<TimelineEvent, 'kind' | 'actorKind' | 'actorName' | 'reason' | 'before' | 'after'> & { createdAt?: Date } & Partial<Pick<TimelineEvent, 'actorUserId'>>;

function field(json: unknown, key: string): unknown {
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

function text(json: unknown, key: string): string | null {
  const v = field(json, key);
  return typeof v === 'string' ? v : null;
}

function has(json: unknown, key: string): boolean {
  return json !== null && typeof json === 'object' && key in json;
}

/** "45 minutes", "1 hour", "3 days": how long a snooze was set for (the page renders on the server, so no clock time in a zone). */
export function snoozeLength(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.round(ms / 60_000);
  const [n, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const statusWord = (s: string | null) => (s && s in STATUS_LABEL ? STATUS_LABEL[s as ConversationStatus] : (s ?? 'none'));
const priorityWord = (p: string | null) => (p && p in PRIORITY_LABEL ? PRIORITY_LABEL[p as Priority] : (p ?? 'none'));

/**
 * One timeline event in words: "Sam Supervisor changed status from Open to Solved",
 * "System: routed by rule VIP to VIP", "Tag vip added by Ana Alvarez".
 */
export function describeEvent(e: EventWords, names: TimelineNames): string {
  const system = e.actorKind === 'SYSTEM';
  const who = system ? 'System' : e.actorKind === 'API_KEY' ? `${e.actorName ?? 'An API key'} (API key)` : (e.actorName ?? 'Someone');
  const queue = (id: string | null) => (id ? `queue ${names.queues.get(id) ?? 'that no longer exists'}` : 'no queue');
  const agent = (id: string | null) => (id ? (names.agents.get(id) ?? 'a former user') : 'nobody');
  // System decisions carry their reason ("round robin", "reassigned: Ana went offline").
  const because = e.reason ? ` (${e.reason})` : '';

  switch (e.kind) {
    case 'CREATED': {
      const inboxId = text(e.after, 'inboxId');
      return `${who} created the conversation${inboxId ? ` in ${names.inboxes.get(inboxId) ?? 'an inbox that no longer exists'}` : ''}${because}`;
    }
    case 'STATUS_CHANGED':
      return `${who} changed status from ${statusWord(text(e.before, 'status'))} to ${statusWord(text(e.after, 'status'))}${because}`;
    case 'PRIORITY_CHANGED':
      return `${who} changed priority from ${priorityWord(text(e.before, 'priority'))} to ${priorityWord(text(e.after, 'priority'))}${because}`;
    case 'QUEUE_CHANGED': {
      const [from, to] = [text(e.before, 'queueId'), text(e.after, 'queueId')];
      const move = !to ? `removed it from ${queue(from)}` : from ? `moved it from ${queue(from)} to ${queue(to)}` : `moved it to ${queue(to)}`;
      return `${who} ${move}${because}`;
    }
    case 'ASSIGNEE_CHANGED': {
      const [from, to] = [text(e.before, 'agentId'), text(e.after, 'agentId')];
      // An assignment with a reason is auto-assignment's pick ("round robin"), made by the system
      // while someone created or routed the conversation: not that person's choice, so not in their name.
      if (to && e.reason && !system) return `Auto-assigned to ${agent(to)}${from ? ` (was ${agent(from)})` : ''}${because}`;
      if (to && !system && e.actorKind === 'USER' && e.actorUserId === to) return `${who} took it${from ? ` from ${agent(from)}` : ''}${because}`;
      const self = !system && e.actorKind === 'USER' && e.actorUserId === from;
      const move = !to ? (self ? 'unassigned themselves' : `unassigned ${agent(from)}`) : from ? `reassigned it from ${agent(from)} to ${agent(to)}` : `assigned it to ${agent(to)}`;
      return `${who} ${move}${because}`;
    }
    case 'PROPERTIES_CHANGED': {
      const parts: string[] = [];
      if (has(e.after, 'topic')) {
        const topic = text(e.after, 'topic');
        parts.push(topic ? `changed the topic to “${topic}”` : 'cleared the topic');
      }
      if (has(e.after, 'summary')) parts.push(text(e.after, 'summary') ? 'updated the summary' : 'cleared the summary');
      return `${who} ${parts.length ? parts.join(' and ') : 'changed the properties'}${because}`;
    }
    case 'TAG_ADDED':
      return `Tag ${text(e.after, 'tag') ?? '?'} added by ${who}${because}`;
    case 'TAG_REMOVED':
      return `Tag ${text(e.before, 'tag') ?? '?'} removed by ${who}${because}`;
    case 'ROUTED': {
      if (system && e.reason) return `System: ${e.reason}`;
      const to = text(e.after, 'queueId');
      return `${who} sent it to routing: ${e.reason ?? (to ? `now in ${queue(to)}` : 'no queue matched')}`;
    }
    case 'SNOOZED': {
      const until = text(e.after, 'snoozedUntil');
      const length = until && e.createdAt ? ` for ${snoozeLength(Date.parse(until) - e.createdAt.getTime())}` : '';
      return `${who} snoozed it${length}${because}`;
    }
    case 'UNSNOOZED': {
      const back = `back to ${statusWord(text(e.after, 'status'))}`;
      if (!system) return `${who} ended the snooze: ${back}`;
      return e.reason === 'the customer wrote' ? `The customer wrote: snooze ended, ${back}` : `Snooze ended: ${back}`;
    }
    case 'NOTE_ADDED':
      return `${who} added an internal note`;
    case 'METADATA_CHANGED': {
      const list = (key: string) => {
        const v = field(e.after, key);
        return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
      };
      const [set, removed] = [list('set'), list('removed')];
      const parts = [set.length ? `set metadata ${set.join(', ')}` : '', removed.length ? `removed metadata ${removed.join(', ')}` : ''].filter(Boolean);
      return `${who} ${parts.length ? parts.join(' and ') : 'changed the metadata'}${because}`;
    }
  }
}
