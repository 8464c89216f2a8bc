import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/access/roles';
import { db } from '@/lib/db';
import { loadRouteEditor } from '@/lib/domain/routing/editor';
import { getRouteEditorOptions } from '@/lib/domain/routing/editor-options';
import { RoutesEditor } from '@/components/routing/routes-editor';

export const metadata: Metadata = { title: 'Routes' };

export default async function RoutesPage() {
  const actor = await requirePageActor('queues.view');
  const [data, options] = await Promise.all([loadRouteEditor(db(), actor), getRouteEditorOptions(db(), actor)]);
  return <RoutesEditor initial={data} queues={options.queues} tagNames={options.tagNames} inboxes={options.inboxes} canManage={can(actor.role, 'routes.manage')} />;
}
