import type { Permission } from '@/lib/access/roles';

/** The console's pages. Only pages that exist are listed; each names the permission it needs. */
export const NAV_ITEMS: { href: string; label: string; permission: Permission; icon: 'inbox' | 'dashboard' | 'queues' | 'routes' | 'inboxes' | 'people' | 'hours' | 'audit' | 'replies' | 'webhooks' }[] = [
  { href: '/inbox', label: 'Inbox', permission: 'conversations.work', icon: 'inbox' },
  { href: '/canned-replies', label: 'Canned replies', permission: 'cannedReplies.use', icon: 'replies' },
  { href: '/dashboard', label: 'Dashboard', permission: 'dashboard.view', icon: 'dashboard' },
  { href: '/queues', label: 'Queues', permission: 'queues.view', icon: 'queues' },
  { href: '/routes', label: 'Routes', permission: 'queues.view', icon: 'routes' },
  { href: '/inboxes', label: 'Inboxes', permission: 'inboxes.manage', icon: 'inboxes' },
  { href: '/people', label: 'People', permission: 'users.manage', icon: 'people' },
  { href: '/working-hours', label: 'Working hours', permission: 'workingHours.view', icon: 'hours' },
  { href: '/audit', label: 'Audit log', permission: 'audit.view', icon: 'audit' },
  { href: '/webhooks', label: 'Webhooks', permission: 'webhooks.manage', icon: 'webhooks' },
];
