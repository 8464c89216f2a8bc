import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { ROLE_LABEL } from '@/lib/access/roles';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/validation/agents';
import { PageHeader } from '@/components/console/page-header';
import { Card } from '@/components/ui/controls';
import { ChangePasswordForm } from '@/components/profile/change-password-form';

export const metadata: Metadata = { title: 'Your profile' };

/** Everyone's own page: who they are signed in as, and their password (ASVS V6.2.2–V6.2.3). */
export default async function ProfilePage() {
  const actor = await requirePageActor('AGENT');
  return (
    <>
      <PageHeader title="Your profile" description="How you sign in to Switchboard." />
      <main className="max-w-xl space-y-6 px-4 py-6 md:px-8">
        <Card title="Account">
          <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd>{actor.name}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{actor.email}</dd>
            <dt className="text-slate-500">Role</dt>
            <dd>{ROLE_LABEL[actor.role]}</dd>
          </dl>
        </Card>
        <Card title="Change your password">
          <ChangePasswordForm email={actor.email} min={PASSWORD_MIN} max={PASSWORD_MAX} />
        </Card>
      </main>
    </>
  );
}
