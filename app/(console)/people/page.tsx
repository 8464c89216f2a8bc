import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { listPeople } from '@/lib/domain/people';
import { listApiKeys } from '@/lib/auth/api-keys';
import { PageHeader } from '@/components/console/page-header';
import { PeopleTable } from '@/components/people/people-table';
import { ApiKeysSection } from '@/components/people/api-keys-section';
import { CreateUserForm } from '@/components/people/create-user-form';
import { LiveRefresh } from '@/components/realtime/live-refresh';

export const metadata: Metadata = { title: 'People' };

// People and keys share a page (SPEC §6 "People and keys"); each part checks its own permission.
export default async function PeoplePage() {
  const actor = await requirePageActor('users.manage');
  const showKeys = can(actor.role, 'apiKeys.manage');
  const [people, keys] = await Promise.all([listPeople(db(), actor), showKeys ? listApiKeys(db(), actor) : null]);
  const now = new Date();
  return (
    <>
      <PageHeader title="People" description="Everyone who can sign in, their role, availability and open load, and the keys that clients use." />
      <main className="space-y-10 px-4 py-6 md:px-8">
        <section aria-labelledby="people-heading" className="space-y-4">
          <h2 id="people-heading" className="sr-only">
            Users
          </h2>
          <CreateUserForm />
          <PeopleTable people={people} now={now} />
        </section>
        {keys && <ApiKeysSection keys={keys} now={now} owners={people.filter((u) => u.enabled).map(({ id, name, role }) => ({ id, name, role }))} />}
      </main>
      <LiveRefresh topics={['users', 'agents']} />
    </>
  );
}
