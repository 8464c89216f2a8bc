import type { PersonRow } from '@/lib/domain/people';
import { AvailabilityBadge } from '@/components/ui/badges';
import { RelativeTime } from '@/components/ui/relative-time';
import { EnabledToggle, RoleSelect } from './person-controls';
import { PasswordLinkButton } from './password-link-button';
import { CapacityField } from './capacity-field';
import { CopyId } from '@/components/ui/copy-id';

export function PeopleTable({ people, now }: { people: PersonRow[]; now: Date }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="table-cards min-w-full divide-y divide-slate-200 text-sm" aria-label="People">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">Name</th>
            <th scope="col" className="px-3 py-2.5">Role</th>
            <th scope="col" className="px-3 py-2.5">Availability</th>
            <th scope="col" className="px-3 py-2.5 text-right">Open load</th>
            <th scope="col" className="px-3 py-2.5" title="Open conversations auto-assignment may give them; empty is unlimited">
              Capacity
            </th>
            <th scope="col" className="px-3 py-2.5">Last seen</th>
            <th scope="col" className="px-3 py-2.5">Account</th>
            <th scope="col" className="px-4 py-2.5">Password</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {people.map((p) => (
            <tr key={p.id} data-testid="person-row">
              <td className="px-4 py-2.5 max-md:col-span-full">
                <p className="font-medium text-slate-900">{p.name}</p>
                <p className="text-xs text-slate-500">{p.email}</p>
                <CopyId id={p.id} label="User ID" testId="user-id" />
              </td>
              <td data-label="Role" className="px-3 py-2.5 text-slate-700">
                <RoleSelect userId={p.id} name={p.name} role={p.role} />
              </td>
              <td data-label="Availability" className="px-3 py-2.5">
                <AvailabilityBadge availability={p.availability} disconnected={p.disconnected} />
              </td>
              <td data-label="Open load" className="px-3 py-2.5 text-right tabular-nums text-slate-700">
                {p.capacity === null ? p.openLoad : `${p.openLoad} / ${p.capacity}`}
                {p.capacity !== null && p.openLoad >= p.capacity && <span className="block text-xs text-amber-700">at capacity</span>}
              </td>
              <td data-label="Capacity" className="px-3 py-2.5">
                <CapacityField userId={p.id} name={p.name} capacity={p.capacity} />
              </td>
              <td data-label="Last seen" className="px-3 py-2.5 text-slate-500">{p.lastSeenAt ? <RelativeTime date={p.lastSeenAt} now={now} /> : 'Never'}</td>
              <td data-label="Account" className="px-3 py-2.5">
                <EnabledToggle userId={p.id} name={p.name} enabled={p.enabled} />
              </td>
              <td data-label="Password" className="px-4 py-2.5 max-md:col-span-full">
                <PasswordLinkButton userId={p.id} name={p.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
