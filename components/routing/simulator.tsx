'use client';

import { useId, useState } from 'react';
import { useSimulation, type RouteDraftInput, type SampleInput } from '@/lib/query/routes';
import type { SimulationResult } from '@/lib/domain/routing/editor';
import { CHANNELS } from '@/lib/validation/conversations';
import { CHANNEL_LABEL, PRIORITY_LABEL } from '@/lib/format';
import type { Priority } from '@/lib/generated/prisma/enums';
import { Card, FieldError, inputClass, labelClass, primaryButton, selectClass } from '@/components/ui/controls';

type Props = {
  draft: RouteDraftInput[];
  names: string[];
  queues: { id: string; name: string }[];
  result: SimulationResult | null;
  /** False when the routes changed after the shown result was computed. */
  current: boolean;
  onResult: (result: SimulationResult) => void;
};

/** `tier=gold` lines → `{tier: "gold"}`. Strings only: routing compares "5" and 5 alike, and "true" and true. */
export function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/[\n;]/)) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** A typed sample (message, customer, tags) run against the draft list as it is on screen, saved or not. */
export function Simulator({ draft, names, queues, result, current, onResult }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('');
  const [from, setFrom] = useState('');
  const [country, setCountry] = useState('');
  const [attributes, setAttributes] = useState('');
  const [tags, setTags] = useState('');
  const simulation = useSimulation();

  function run() {
    const sample: SampleInput = {
      message: { ...(text && { text }), ...(channel && { channel }), ...(from && { from }) },
      customer: { ...(country && { country: country.toUpperCase() }), attributes: parsePairs(attributes) },
      // A typed sample stands for a new conversation, which arrives on the channel of its message.
      ...(channel && { conversation: { channel } }),
      tags: tags.split(/[\s,]+/).filter(Boolean),
    };
    void simulation.run({ sample, draft }).then((res) => {
      if (res?.ok) onResult(res.data);
    });
  }

  const field = (suffix: string) => `${id}-${suffix}`;
  return (
    <Card title="Simulator">
      <form
        className="space-y-2.5"
        aria-label="Simulate a conversation"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <p className="text-xs text-slate-500">Try a sample against the list as it is on screen, unsaved changes and order included.</p>
        <div>
          <label htmlFor={field('text')} className={labelClass}>
            Message text
          </label>
          <textarea id={field('text')} rows={2} className={`mt-1 ${inputClass}`} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={field('channel')} className={labelClass}>
              Channel
            </label>
            <select id={field('channel')} className={`mt-1 ${selectClass}`} value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">None</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABEL[c]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={field('from')} className={labelClass}>
              From
            </label>
            <input id={field('from')} className={`mt-1 ${inputClass}`} value={from} onChange={(e) => setFrom(e.target.value)} placeholder="+4915…" />
          </div>
          <div>
            <label htmlFor={field('country')} className={labelClass}>
              Customer country
            </label>
            <input id={field('country')} className={`mt-1 ${inputClass}`} value={country} maxLength={2} onChange={(e) => setCountry(e.target.value)} placeholder="DE" />
          </div>
          <div>
            <label htmlFor={field('tags')} className={labelClass}>
              Tags
            </label>
            <input id={field('tags')} className={`mt-1 ${inputClass}`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="strong_auth, vip" />
          </div>
        </div>
        <div>
          <label htmlFor={field('attrs')} className={labelClass}>
            Customer attributes <span className="font-normal text-slate-500">(key=value, one a line)</span>
          </label>
          <textarea
            id={field('attrs')}
            rows={2}
            className={`mt-1 font-mono ${inputClass}`}
            value={attributes}
            onChange={(e) => setAttributes(e.target.value)}
            placeholder="tier=gold"
            spellCheck={false}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={simulation.pending}>
          {simulation.pending ? 'Running…' : 'Run simulation'}
        </button>
        <FieldError message={simulation.error && simulationError(simulation.error)} />
      </form>
      {result && <Outcome result={result} names={names} queues={queues} current={current} />}
    </Card>
  );
}

function simulationError(error: { message: string; fields?: Record<string, string[]> }): string {
  const first = Object.entries(error.fields ?? {})[0];
  return first ? `${error.message} (${first[0]}: ${first[1][0]})` : error.message;
}

function Outcome({ result, names, queues, current }: { result: SimulationResult; names: string[]; queues: Props['queues']; current: boolean }) {
  const winner = result.routes.findIndex((r) => r.matched && !r.skipped);
  const queue = queues.find((q) => q.id === result.queueId)?.name ?? 'a queue that no longer exists';
  const priority = result.priority ? `, priority ${PRIORITY_LABEL[result.priority as Priority] ?? result.priority}` : '';
  return (
    <div role="status" className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="simulation-outcome">
      {winner >= 0 ? (
        <p>
          <span className="font-semibold text-emerald-700">Route {winner + 1} · {names[winner] ?? result.routes[winner].name}</span> takes it →
          queue <span className="font-medium">{queue}</span>
          {priority}.
        </p>
      ) : result.queueId ? (
        <p>
          No route matches → <span className="font-medium">default queue {queue}</span>.
        </p>
      ) : (
        <p>No route matches and no queue is the default: the conversation stays without a queue.</p>
      )}
      <p className="mt-1" data-testid="simulation-assignment">
        {result.assignment.agentName ? (
          <>
            → <span className="font-medium">{result.assignment.agentName}</span> ({result.assignment.reason}).
          </>
        ) : (
          <>→ {result.assignment.reason}.</>
        )}
      </p>
      {!current && <p className="mt-1 text-xs text-amber-700">The routes changed since this run; run it again to see the marks.</p>}
    </div>
  );
}
