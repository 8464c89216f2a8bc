import type { Availability, ConversationStatus, Priority } from '@/lib/generated/prisma/enums';
import { availabilityLabel, PRIORITY_LABEL, STATUS_LABEL } from '@/lib/format';

const STATUS_TONE: Record<ConversationStatus, string> = {
  OPEN: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  WAITING: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  SOLVED: 'bg-sky-50 text-sky-700 ring-sky-600/20',
  CLOSED: 'bg-slate-100 text-slate-600 ring-slate-500/20',
};

const PRIORITY_TONE: Record<Priority, string> = {
  URGENT: 'bg-red-50 text-red-700 ring-red-600/20',
  HIGH: 'bg-orange-50 text-orange-700 ring-orange-600/20',
  NORMAL: 'bg-slate-50 text-slate-600 ring-slate-500/20',
  LOW: 'bg-slate-50 text-slate-500 ring-slate-400/20',
};

const AVAILABILITY_TONE: Record<Availability, string> = {
  ONLINE: 'bg-emerald-500',
  BUSY: 'bg-amber-500',
  OFFLINE: 'bg-slate-400',
};

// Away — disconnected (SPEC §4): neither the chosen colour nor Offline's grey, since nothing was chosen.
const DISCONNECTED_TONE = 'bg-orange-300 ring-1 ring-orange-500';
const tone = (availability: Availability, disconnected: boolean) => (disconnected && availability !== 'OFFLINE' ? DISCONNECTED_TONE : AVAILABILITY_TONE[availability]);

const pill = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap';

export function StatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`${pill} ${STATUS_TONE[status]}`}>{STATUS_LABEL[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`${pill} ${PRIORITY_TONE[priority]}`}>{PRIORITY_LABEL[priority]}</span>;
}

export function TagBadge({ name }: { name: string }) {
  return <span className="inline-flex items-center rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">#{name}</span>;
}

export function AvailabilityDot({ availability, disconnected = false }: { availability: Availability; disconnected?: boolean }) {
  const label = availabilityLabel(availability, disconnected);
  return (
    <span className="inline-flex items-center" title={label}>
      <span className={`h-2 w-2 rounded-full ${tone(availability, disconnected)}`} aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function AvailabilityBadge({ availability, disconnected = false }: { availability: Availability; disconnected?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <span className={`h-2 w-2 rounded-full ${tone(availability, disconnected)}`} aria-hidden="true" />
      {availabilityLabel(availability, disconnected)}
    </span>
  );
}
