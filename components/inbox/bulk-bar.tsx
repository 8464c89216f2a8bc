'use client';

import { useId, useState } from 'react';
import { bulkConversationsAction } from '@/lib/actions/bulk';
import { useConversationAction } from '@/lib/query/conversations';
import { CONVERSATION_STATUSES } from '@/lib/validation/conversations';
import type { BulkActionInput as BulkAction } from '@/lib/validation/bulk';
import { TAG_NAME } from '@/lib/validation/common';
import { STATUS_LABEL } from '@/lib/format';
import { dangerButton, inputClass, labelClass, primaryButton, secondaryButton, selectClass } from '@/components/ui/controls';
import { SNOOZE_PRESETS } from '@/components/snooze/snooze-presets';
import type { FilterOptions } from './filter-bar';
import type { BulkSelection } from './use-bulk-selection';
import { bulkSummary, doneWords } from './bulk-summary';

type Kind = BulkAction['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'assign', label: 'Assign to…' },
  { kind: 'status', label: 'Set status…' },
  { kind: 'addTag', label: 'Add tag…' },
  { kind: 'removeTag', label: 'Remove tag…' },
  { kind: 'route', label: 'Send to routing' },
  { kind: 'snooze', label: 'Snooze…' },
  { kind: 'unsnooze', label: 'Unsnooze' },
];

type Summary = { tone: 'done' | 'refused'; text: string; at: number };

/**
 * The bulk bar above the list: one action on the checked rows. The server applies it to each
 * conversation on its own and answers what it did and why it refused the rest; the refused rows
 * stay checked, so they can be looked at or tried again.
 */
export function BulkBar({ selection, options, meId }: { selection: BulkSelection; options: FilterOptions; meId: string }) {
  const id = useId();
  const bulk = useConversationAction(bulkConversationsAction);
  const [kind, setKind] = useState<Kind>('assign');
  const [value, setValue] = useState('');
  const [confirmClose, setConfirmClose] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const count = selection.ids.length;

  const agents = [{ id: meId, name: 'Me' }, ...options.agents.filter((a) => a.id !== meId)];
  const agentName = (agentId: string) => (agentId === meId ? 'you' : (options.agents.find((a) => a.id === agentId)?.name ?? 'the agent'));

  /** The action the controls describe, or why it cannot be sent yet. */
  function build(): BulkAction | string {
    switch (kind) {
      case 'assign':
        if (!value) return 'Choose whom to assign them to.';
        return { kind, agentId: value === 'unassigned' ? null : value };
      case 'status':
        return value ? { kind, status: value as (typeof CONVERSATION_STATUSES)[number] } : 'Choose a status.';
      case 'addTag':
      case 'removeTag':
        return TAG_NAME.test(value.trim()) ? { kind, tagName: value.trim() } : 'Tag names are 1–100 letters, digits, ".", "_" or "-".';
      case 'snooze': {
        const preset = SNOOZE_PRESETS.find((p) => p.id === value);
        return preset ? { kind, until: preset.at(new Date()).toISOString() } : 'Choose how long to snooze them.';
      }
      case 'route':
      case 'unsnooze':
        return { kind };
    }
  }

  async function apply() {
    const action = build();
    if (typeof action === 'string') return setSummary({ tone: 'refused', text: action, at: Date.now() });
    if (action.kind === 'status' && action.status === 'CLOSED' && !confirmClose) return setConfirmClose(true);
    setConfirmClose(false);
    const ids = selection.ids;
    const result = await bulk.run({ conversationIds: ids, action });
    if (!result) return setSummary({ tone: 'refused', text: 'Could not reach the server. Check your connection and try again.', at: Date.now() });
    if (!result.ok) return setSummary({ tone: 'refused', text: result.error.message, at: Date.now() });
    const words = doneWords(action, action.kind === 'assign' && action.agentId ? agentName(action.agentId) : undefined);
    setSummary({ tone: result.data.refused.length ? 'refused' : 'done', text: bulkSummary(result.data, words), at: Date.now() });
    selection.set(result.data.refused.map((r) => r.id));
  }

  const valueControl = () => {
    const props = { id: `${id}-value`, value, onChange: (e: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) => setValue(e.target.value) };
    switch (kind) {
      case 'assign':
        return (
          <select {...props} className={selectClass}>
            <option value="">Choose an agent</option>
            <option value="unassigned">Unassigned</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        );
      case 'status':
        return (
          <select {...props} className={selectClass}>
            <option value="">Choose a status</option>
            {CONVERSATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        );
      case 'addTag':
      case 'removeTag':
        return (
          <>
            <input {...props} list={`${id}-tags`} maxLength={100} placeholder="Tag name" autoComplete="off" className={inputClass} />
            <datalist id={`${id}-tags`}>
              {options.tags.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </>
        );
      case 'snooze':
        return (
          <select {...props} className={selectClass}>
            <option value="">For how long</option>
            {SNOOZE_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        );
      default:
        return null;
    }
  };
  const control = valueControl();

  return (
    <div className="space-y-2">
      {count > 0 && (
        <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-end gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3" data-testid="bulk-bar">
          <p className="self-center text-sm font-medium text-slate-800">{count === 1 ? '1 selected' : `${count} selected`}</p>
          <div className="w-44">
            <label htmlFor={`${id}-kind`} className={labelClass}>
              Action
            </label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setValue('');
                setConfirmClose(false);
              }}
              className={`mt-1 ${selectClass}`}
            >
              {KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          {control && (
            <div className="w-44">
              <label htmlFor={`${id}-value`} className={labelClass}>
                {kind === 'assign' ? 'Agent' : kind === 'status' ? 'Status' : kind === 'snooze' ? 'Snooze for' : 'Tag'}
              </label>
              <div className="mt-1">{control}</div>
            </div>
          )}
          {confirmClose ? (
            <button type="button" className={dangerButton} disabled={bulk.pending} onClick={() => void apply()}>
              Close {count} — closed conversations cannot be changed
            </button>
          ) : (
            <button type="button" className={primaryButton} disabled={bulk.pending} onClick={() => void apply()}>
              {bulk.pending ? 'Applying…' : `Apply to ${count}`}
            </button>
          )}
          <button type="button" className={secondaryButton} onClick={() => selection.toggleAll(false)}>
            Clear selection
          </button>
        </div>
      )}
      <p
        role="status"
        data-testid="bulk-summary"
        className={summary ? `rounded-md px-3 py-2 text-sm ${summary.tone === 'done' ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900'}` : 'sr-only'}
      >
        {summary?.text ?? ''}
      </p>
    </div>
  );
}
