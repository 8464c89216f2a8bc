import { BOT_EMAIL_DOMAIN, type listApiKeys } from '@/lib/auth/api-keys';
import { ROLE_LABEL } from '@/lib/access/roles';
import { RelativeTime } from '@/components/ui/relative-time';
import { CreateApiKeyForm, type KeyOwnerOption } from './create-api-key-form';
import { RevokeKeyButton } from './revoke-key-button';
import { CopyId } from '@/components/ui/copy-id';

type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Keys for the HTTP API: create (shown once), see which are in use, revoke. */
export function ApiKeysSection({ keys, now, owners }: { keys: ApiKeyRow[]; now: Date; owners: KeyOwnerOption[] }) {
  return (
    <section aria-labelledby="api-keys" className="space-y-4">
      <div>
        <h2 id="api-keys" className="text-lg font-semibold tracking-tight">
          API keys
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Clients and bots call the HTTP API with <code className="rounded bg-slate-100 px-1 text-xs text-slate-700">Authorization: App &lt;key&gt;</code>. Each key is owned by a user and acts as them: it sees what its owner sees and
          never has more than its owner’s role (demoting the owner demotes the key; disabling the owner stops it).{' '}
          <a href="/ccaas/docs" className="font-medium text-brand-700 underline hover:text-brand-900">
            API reference
          </a>
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <CreateApiKeyForm owners={owners} />
      </div>
      {keys.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="table-cards min-w-full divide-y divide-slate-200 text-sm" aria-label="API keys">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2.5">Name</th>
                <th scope="col" className="px-3 py-2.5">Key</th>
                <th scope="col" className="px-3 py-2.5">Role</th>
                <th scope="col" className="px-3 py-2.5">Owner</th>
                <th scope="col" className="px-3 py-2.5">Created by</th>
                <th scope="col" className="px-3 py-2.5">Created</th>
                <th scope="col" className="px-3 py-2.5">Last used</th>
                <th scope="col" className="px-3 py-2.5">Status</th>
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? 'text-slate-500' : 'text-slate-700'}>
                  <td className={`px-4 py-2.5 font-medium max-md:col-span-full ${k.revokedAt ? '' : 'text-slate-900'}`}>
                    {k.name}
                    <span className="block font-normal">
                      <CopyId id={k.id} label="Key ID" testId="key-id" />
                    </span>
                  </td>
                  <td data-label="Key" className="px-3 py-2.5 font-mono text-xs">{k.prefix}…</td>
                  <td data-label="Role" className="px-3 py-2.5">
                    {k.effectiveRole ? ROLE_LABEL[k.effectiveRole] : '—'}
                    {k.role && k.effectiveRole && k.role !== k.effectiveRole && (
                      <div className="text-xs text-amber-700">{ROLE_LABEL[k.role]} key, capped by its owner’s role</div>
                    )}
                  </td>
                  <td data-label="Owner" className="px-3 py-2.5">
                    {k.owner ? (
                      <>
                        {k.owner.name}
                        {k.owner.email.endsWith(`@${BOT_EMAIL_DOMAIN}`) && <span className="ml-1 text-xs text-slate-500">(bot user)</span>}
                      </>
                    ) : (
                      <span className="text-xs font-medium text-amber-700" title="Made before keys had owners: it acts with its own role and sees through no user. Replace it with an owned key and revoke it.">
                        No owner — legacy key
                      </span>
                    )}
                  </td>
                  <td data-label="Created by" className="px-3 py-2.5">{k.createdBy?.name ?? '—'}</td>
                  <td data-label="Created" className="whitespace-nowrap px-3 py-2.5">
                    <RelativeTime date={k.createdAt} now={now} />
                  </td>
                  <td data-label="Last used" className="whitespace-nowrap px-3 py-2.5">{k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} now={now} /> : 'Never'}</td>
                  <td data-label="Status" className="px-3 py-2.5">
                    {k.revokedAt ? (
                      <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-500/20">
                        Revoked
                      </span>
                    ) : k.owner && !k.owner.enabled ? (
                      <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20">
                        Refused: owner disabled
                      </span>
                    ) : (
                      <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-600/20">
                        Active
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right">{!k.revokedAt && <RevokeKeyButton id={k.id} name={k.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
