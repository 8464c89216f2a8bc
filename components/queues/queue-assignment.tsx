'use client';

import { useId, useState, useTransition } from 'react';
import { updateQueueAction } from '@/lib/actions/queues';
import { ALGORITHM_EXPLANATION, AUTO_ASSIGNMENT_ALGORITHMS, DEFAULT_STICKY_DAYS, STICKY_DAYS_MAX, STICKY_DAYS_MIN, type AutoAssignmentAlgorithm } from '@/lib/validation/queue-policy';
import { FieldError, inputClass, labelClass, primaryButton, selectClass } from '@/components/ui/controls';
import { UNREACHABLE, type QueueCardData } from './types';

type Policy = QueueCardData['policy'];
type Refusal = { message: string; fields?: Record<string, string[]> };

/** "Auto · Round robin · sticky 7 days": the settings at a glance, for everyone who sees the card. */
function summary(p: Policy): string {
  if (!p.autoAssign) return 'Manual only (auto-assignment off)';
  const parts = ['Auto', ALGORITHM_EXPLANATION[p.algorithm].label];
  if (p.sticky) parts.push(`sticky ${p.stickyDays ?? DEFAULT_STICKY_DAYS} days`);
  if (p.assignOutsideHours) parts.push('also outside hours');
  return parts.join(' · ');
}

/**
 * The queue's assignment settings (SPEC §4): a summary line, and for managers a panel that opens
 * under it. The form is remade when the stored settings change (keyed on them), so after a save,
 * or another supervisor's, it shows what is stored.
 */
export function QueueAssignment({ queue, canManage }: { queue: QueueCardData; canManage: boolean }) {
  const [saved, setSaved] = useState(false);
  if (!canManage) return <p className="mt-3 text-xs text-slate-500">Assignment: {summary(queue.policy)}</p>;
  return (
    <details className="mt-4 rounded-md border border-slate-200 px-3 py-2" data-testid="queue-assignment">
      <summary className="cursor-pointer text-xs font-medium text-slate-700">
        Assignment: <span className="font-normal text-slate-600">{summary(queue.policy)}</span>
      </summary>
      <PolicyForm key={JSON.stringify(queue.policy)} queue={queue} onSaved={setSaved} />
      {saved && (
        <p role="status" className="mt-2 text-xs text-emerald-700">
          Assignment settings saved.
        </p>
      )}
    </details>
  );
}

function PolicyForm({ queue, onSaved }: { queue: QueueCardData; onSaved: (saved: boolean) => void }) {
  const id = useId();
  const p = queue.policy;
  const [autoAssign, setAutoAssign] = useState(p.autoAssign);
  const [algorithm, setAlgorithm] = useState<AutoAssignmentAlgorithm>(p.algorithm);
  const [sticky, setSticky] = useState(p.sticky);
  const [days, setDays] = useState(String(p.stickyDays ?? DEFAULT_STICKY_DAYS));
  const [outside, setOutside] = useState(p.assignOutsideHours);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldError = (key: string) => refusal?.fields?.[key]?.[0] ?? null;
  const unplaced = refusal && !Object.keys(refusal.fields ?? {}).some((k) => k !== 'queueId') ? refusal.message : null;

  function save() {
    onSaved(false);
    // The days go as typed (NaN included), so the range check and its words are the server's.
    const stickyAgentTimeoutDays = !sticky ? undefined : days.trim() === '' ? null : Number(days.trim());
    startTransition(async () => {
      const res = await updateQueueAction({
        queueId: queue.id,
        isAutoAssignmentEnabled: autoAssign,
        autoAssignmentAlgorithm: algorithm,
        isStickyAutoAssignmentEnabled: sticky,
        ...(stickyAgentTimeoutDays !== undefined && { stickyAgentTimeoutDays }),
        isAutoAssignmentOutsideOfWorkingHoursEnabled: outside,
      }).catch(() => null);
      setRefusal(res?.ok ? null : res ? res.error : { message: UNREACHABLE });
      onSaved(!!res?.ok);
    });
  }

  const check = (key: string, label: string, value: boolean, set: (v: boolean) => void, hint: string) => (
    <div className="flex items-start gap-2">
      <input
        id={`${id}-${key}`}
        type="checkbox"
        checked={value}
        disabled={pending}
        onChange={(e) => set(e.target.checked)}
        aria-describedby={`${id}-${key}-hint`}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
      />
      <div>
        <label htmlFor={`${id}-${key}`} className="text-sm text-slate-800">
          {label}
        </label>
        <p id={`${id}-${key}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
        <FieldError message={fieldError(key)} />
      </div>
    </div>
  );

  return (
    <form
      className="mt-3 space-y-3"
      aria-label={`Assignment settings of ${queue.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {check('isAutoAssignmentEnabled', 'Assign automatically', autoAssign, setAutoAssign, 'New and waiting conversations go to an agent by the rule below (when their inbox assigns automatically too).')}
      <div>
        <label htmlFor={`${id}-algorithm`} className={labelClass}>
          Algorithm
        </label>
        <select
          id={`${id}-algorithm`}
          value={algorithm}
          disabled={pending}
          onChange={(e) => setAlgorithm(e.target.value as AutoAssignmentAlgorithm)}
          aria-describedby={`${id}-algorithm-hint`}
          className={`mt-1 ${selectClass}`}
        >
          {AUTO_ASSIGNMENT_ALGORITHMS.map((a) => (
            <option key={a} value={a} title={ALGORITHM_EXPLANATION[a].short}>
              {ALGORITHM_EXPLANATION[a].label}
            </option>
          ))}
        </select>
        <p id={`${id}-algorithm-hint`} className="mt-1 text-xs text-slate-500">
          {ALGORITHM_EXPLANATION[algorithm].short}
        </p>
        <FieldError message={fieldError('autoAssignmentAlgorithm')} />
      </div>
      {check('isStickyAutoAssignmentEnabled', 'Sticky agent', sticky, setSticky, 'A returning customer goes back to their earlier agent when that agent is online and below capacity.')}
      {sticky && (
        <div className="pl-6">
          <label htmlFor={`${id}-days`} className={labelClass}>
            Within how many days
          </label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={days}
            disabled={pending}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={fieldError('stickyAgentTimeoutDays') ? true : undefined}
            aria-describedby={`${id}-days-hint`}
            className={`mt-1 w-24 ${inputClass}`}
          />
          <p id={`${id}-days-hint`} className="mt-1 text-xs text-slate-500">
            {STICKY_DAYS_MIN}–{STICKY_DAYS_MAX}; empty is {DEFAULT_STICKY_DAYS}.
          </p>
          <FieldError message={fieldError('stickyAgentTimeoutDays')} />
        </div>
      )}
      {check(
        'isAutoAssignmentOutsideOfWorkingHoursEnabled',
        'Assign outside working hours',
        outside,
        setOutside,
        queue.workingHoursId ? 'Off: outside the queue’s hours new conversations wait, and are handed out when the hours open.' : 'The queue follows no working hours, so it always assigns.',
      )}
      <FieldError message={unplaced} />
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? 'Saving…' : 'Save assignment settings'}
      </button>
    </form>
  );
}
