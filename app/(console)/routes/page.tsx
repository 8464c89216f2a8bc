import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { loadRouteEditor } from '@/lib/domain/routing/editor';
import { RoutesEditor } from '@/components/routing/routes-editor';

export const metadata: Metadata = { title: 'Routes' };

export default async function RoutesPage() {
  const actor = await requirePageActor('queues.view');
  const [data, queues, tags] = await Promise.all([
    loadRouteEditor(db(), actor),
    db().queue.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, isDefault: true } }),
    db().tag.findMany({ orderBy: { name: 'asc' }, select: { name: true }, take: 500 }),
  ]);
  return <RoutesEditor initial={data} queues={queues} tagNames={tags.map((t) => t.name)} canManage={can(actor.role, 'routes.manage')} />;
}
