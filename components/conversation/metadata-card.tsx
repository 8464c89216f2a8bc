import { Card } from '@/components/ui/controls';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The conversation's metadata (free JSON that API clients set; routes read it as
 * conversation.metadata.<key>), read-only. The page re-renders on the conversation's live events,
 * a metadata change among them.
 */
export function MetadataCard({ metadata }: { metadata: unknown }) {
  const entries = metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b)) : [];
  return (
    <Card title="Metadata">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">
          No metadata. API clients set it with <code className="font-mono text-xs">PUT …/metadata</code>.
        </p>
      ) : (
        <dl aria-label="Conversation metadata" className="grid grid-cols-[minmax(5rem,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          {entries.map(([k, v]) => (
            <div key={k} className="contents" data-testid="metadata-row">
              <dt className="truncate font-mono text-xs leading-5 text-slate-500" title={k}>
                {k}
              </dt>
              <dd className="break-words text-slate-800">{show(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
