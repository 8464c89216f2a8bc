import type { TimelineEvent } from '@/lib/generated/prisma/client';
import { Card } from '@/components/ui/controls';
import { RelativeTime } from '@/components/ui/relative-time';
import { describeEvent, type TimelineNames } from './timeline-words';

/** Who changed what and when, newest first. */
export function Timeline({ events, names, now }: { events: TimelineEvent[]; names: TimelineNames; now: Date }) {
  const newestFirst = [...events].reverse();
  return (
    <Card title="Timeline">
      {newestFirst.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Timeline events">
          {newestFirst.map((e) => (
            <li key={e.id} className="relative pl-4 text-sm" data-testid="timeline-event" data-kind={e.kind}>
              <span
                className={`absolute left-0 top-1.5 h-2 w-2 rounded-full ${e.kind === 'NOTE_ADDED' ? 'bg-amber-400' : e.actorKind === 'SYSTEM' ? 'bg-slate-300' : 'bg-brand-500'}`}
                aria-hidden="true"
              />
              <p className="text-slate-800">{describeEvent(e, names)}</p>
              <RelativeTime date={e.createdAt} now={now} className="text-xs text-slate-500" />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
