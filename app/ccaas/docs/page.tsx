import type { Metadata } from 'next';
import Link from 'next/link';
import { openApiDocument, type Operation } from '@/lib/http/openapi';
import { HTTP_METHODS, type HttpMethod } from '@/lib/operations/http-binding';
import { bodyRows, contentRef, fieldRows, resolveResponse, schemaFor, type FieldRow } from './schema-text';
import { curlCommand, responseText } from './example-text';

// Rendered on the server from the same document /ccaas/1/openapi.json serves: no Swagger UI, no
// CDN (the network may be closed), and nothing here can disagree with the API.

export const metadata: Metadata = { title: 'API reference' };

const METHOD_TONE: Record<HttpMethod, string> = {
  get: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20',
  post: 'bg-brand-50 text-brand-700 ring-brand-600/20',
  put: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  patch: 'bg-violet-50 text-violet-700 ring-violet-600/20',
  delete: 'bg-red-50 text-red-700 ring-red-600/20',
};

type Op = { method: HttpMethod; path: string; op: Operation };

function MethodBadge({ method }: { method: HttpMethod }) {
  return (
    <span className={`inline-flex w-16 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ring-1 ring-inset ${METHOD_TONE[method]}`}>
      {method}
    </span>
  );
}

function Heading({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h4 id={id} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
      {children}
    </h4>
  );
}

function Fields({ rows, first = 'Field' }: { rows: (FieldRow & { where?: string })[]; first?: string }) {
  return (
    <table className="mt-2 w-full table-fixed text-left text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-500">
        <tr>
          <th className="w-[38%] py-1.5 pr-2 font-medium sm:w-56 sm:pr-4">{first}</th>
          <th className="w-[24%] py-1.5 pr-2 font-medium sm:w-40 sm:pr-4">Type</th>
          <th className="py-1.5 font-medium">Description</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {rows.map((r) => (
          <tr key={`${r.where ?? ''}${r.name}`}>
            <td className="py-2 pr-2 sm:pr-4">
              <code className="font-mono text-[13px] break-all text-slate-900">{r.name}</code>
              {r.required && <span className="ml-1.5 text-xs font-medium text-red-600">required</span>}
              {r.where && <span className="block text-xs text-slate-500">{r.where}</span>}
            </td>
            <td className="py-2 pr-2 font-mono text-xs break-words text-slate-600 sm:pr-4">{r.type}</td>
            <td className="py-2 break-words text-slate-700">
              {r.description && <p>{r.description}</p>}
              {r.values && (
                <p className="mt-0.5 flex flex-wrap gap-1">
                  {r.values.map((v) => (
                    <code key={v} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs break-all text-slate-700">
                      {v}
                    </code>
                  ))}
                </p>
              )}
              {r.notes.length > 0 && <p className="mt-0.5 text-xs break-all text-slate-500">{r.notes.join(' · ')}</p>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An example in a dark block that scrolls inside itself (long lines never widen the page) and can
 * be focused, so that keyboard users can scroll it too.
 */
function Example({ id, title, children }: { id: string; title: React.ReactNode; children: string }) {
  return (
    <div className="min-w-0">
      <Heading id={id}>{title}</Heading>
      <pre
        tabIndex={0}
        className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
      >
        {children}
      </pre>
    </div>
  );
}

function ModelLink({ name }: { name?: string }) {
  return name ? (
    <a href={`#model-${name}`} className="font-mono text-xs text-brand-600 hover:underline">
      {name}
    </a>
  ) : null;
}

function OperationCard({ method, path, op }: Op) {
  const doc = openApiDocument();
  const body = op.requestBody?.content['application/json'].schema;
  const { note: bodyNote, rows: bodyFields } = body ? bodyRows(schemaFor(doc, body)) : { note: undefined, rows: [] };
  const response = responseText(op);
  const params = op.parameters.map((p) => ({ ...fieldRows({ type: 'object', properties: { [p.name]: p.schema } })[0], required: p.required, description: p.description, where: p.in }));
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3 sm:px-5">
        <MethodBadge method={method} />
        <code className="font-mono text-sm font-medium break-all text-slate-900">{path}</code>
        {op.security?.length === 0 && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">No key needed</span>}
      </header>
      <div className="space-y-5 px-4 py-4 sm:px-5">
        <div>
          <h3 id={`${op.operationId}-title`} className="font-semibold text-slate-900">
            {op.summary}
          </h3>
          {op.description && <p className="mt-1 text-sm text-slate-600">{op.description}</p>}
        </div>
        {params.length > 0 && (
          <div>
            <Heading>Parameters</Heading>
            <Fields rows={params} first="Name" />
          </div>
        )}
        {body && (
          <div>
            <Heading>
              Request body <span className="font-mono normal-case tracking-normal text-slate-500">{contentRef(op.requestBody?.content)}</span>
            </Heading>
            {bodyNote && <p className="mt-1 text-sm text-slate-600">{bodyNote}</p>}
            <Fields rows={bodyFields} />
          </div>
        )}
        <div>
          <Heading>Responses</Heading>
          <ul className="mt-2 space-y-1.5 text-sm">
            {Object.entries(op.responses).map(([code, raw]) => {
              const r = resolveResponse(doc, raw);
              return (
                <li key={code} className="flex flex-wrap items-baseline gap-2">
                  <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${code.startsWith('2') ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-700'}`}>{code}</span>
                  <span className="text-slate-700">{r.description}</span>
                  <ModelLink name={contentRef(r.content)} />
                </li>
              );
            })}
          </ul>
        </div>
        <Example id={`${op.operationId}-request`} title="Example request">
          {curlCommand(method, path, op)}
        </Example>
        {response && (
          <Example id={`${op.operationId}-response`} title={<>Example response <span className="font-mono normal-case tracking-normal">200</span></>}>
            {response}
          </Example>
        )}
      </div>
    </section>
  );
}

export default function ApiDocsPage() {
  const doc = openApiDocument();
  const ops: Op[] = Object.entries(doc.paths).flatMap(([path, item]) => HTTP_METHODS.flatMap((method) => (item[method] ? [{ method, path, op: item[method] }] : [])));
  const groups = doc.tags.map((t) => ({ ...t, ops: ops.filter((o) => o.op.tags.includes(t.name)) })).filter((g) => g.ops.length);
  const models = Object.keys(doc.components.schemas).filter((n) => !n.endsWith('Request'));
  const auth = doc.components.securitySchemes.APIKeyHeader;
  return (
    <div className="min-h-screen">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-5 sm:px-8">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{doc.info.title} reference</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">{doc.info.description}</p>
        </div>
        <nav className="flex gap-3 text-sm">
          <a href="/ccaas/1/openapi.json" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">
            OpenAPI JSON
          </a>
          <Link href="/inbox" className="rounded-md bg-brand-500 px-3 py-1.5 font-medium text-white hover:bg-brand-600">
            Console
          </Link>
        </nav>
      </header>
      <div className="flex gap-8 px-4 py-6 sm:px-8">
        <aside className="sticky top-6 hidden h-[calc(100vh-3rem)] w-72 shrink-0 overflow-y-auto lg:block" aria-label="Endpoints">
          {groups.map((g) => (
            <div key={g.name} className="mb-5">
              <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.name}</p>
              <ul className="space-y-1">
                {g.ops.map((o) => (
                  <li key={o.op.operationId}>
                    <a href={`#${o.op.operationId}`} className="flex items-center gap-2 rounded px-1 py-0.5 text-sm text-slate-700 hover:bg-slate-100">
                      <MethodBadge method={o.method} />
                      <span className="truncate">{o.op.summary}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Models</p>
          <ul className="space-y-1 text-sm">
            {models.map((m) => (
              <li key={m}>
                <a href={`#model-${m}`} className="block rounded px-1 py-0.5 font-mono text-xs text-slate-700 hover:bg-slate-100">
                  {m}
                </a>
              </li>
            ))}
          </ul>
        </aside>
        <main className="min-w-0 max-w-5xl flex-1 space-y-10">
          <section aria-labelledby="auth" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
            <h2 id="auth" className="font-semibold text-slate-900">
              Authentication and errors
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Send <code className="font-mono text-[13px]">{auth.name}: App &lt;key&gt;</code> on every request. {auth.description}
            </p>
            <p className="mt-2 text-sm text-slate-600">
              Each endpoint below has an example request, written for a shell with two variables set: <code className="font-mono text-[13px]">BASE_URL</code>, where
              Switchboard runs, and <code className="font-mono text-[13px]">KEY</code>, your API key.
            </p>
            <pre tabIndex={0} className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2">
              {`BASE_URL=https://switchboard.example.com\nKEY=sbk_…\ncurl "$BASE_URL/ccaas/1/conversations?status=OPEN&limit=20" -H "Authorization: App $KEY"`}
            </pre>
            <p className="mt-3 text-sm text-slate-600">Every refusal has the same envelope, and changes nothing:</p>
            <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {JSON.stringify({ requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Request is invalid.', validationErrors: { topic: ['At most 1000 characters.'] } } } }, null, 2)}
            </pre>
          </section>
          {groups.map((g) => (
            <section key={g.name} aria-labelledby={`group-${g.name}`} className="space-y-4">
              <div>
                <h2 id={`group-${g.name}`} className="text-lg font-semibold tracking-tight">
                  {g.name}
                </h2>
                <p className="text-sm text-slate-500">{g.description}</p>
              </div>
              {g.ops.map((o) => (
                <OperationCard key={o.op.operationId} {...o} />
              ))}
            </section>
          ))}
          <section aria-labelledby="models" className="space-y-4">
            <h2 id="models" className="text-lg font-semibold tracking-tight">
              Models
            </h2>
            {models.map((m) => (
              <div key={m} id={`model-${m}`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
                <h3 className="font-mono text-sm font-semibold text-slate-900">{m}</h3>
                {doc.components.schemas[m].description && <p className="mt-1 text-sm text-slate-600">{doc.components.schemas[m].description}</p>}
                <Fields rows={fieldRows(doc.components.schemas[m])} />
              </div>
            ))}
          </section>
        </main>
      </div>
    </div>
  );
}
