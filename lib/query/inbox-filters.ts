import { z } from 'zod';
import type { Role } from '../generated/prisma/enums';
import { CONVERSATION_STATUSES, PRIORITIES, conversationListQuerySchema, type ConversationListQuery } from '../validation/conversations';
import { idSchema, tagNameSchema } from '../validation/common';
import type { ListFilters } from '../domain/conversations/list-sql';

// The inbox's filters and sort as they live in the URL (short names, one value each), shared by
// the page, the list action, the filter controls and saved views. Plain module: safe on the server
// and in the browser.
//
// The default view (nothing in the URL) is open work: status OPEN or WAITING ("active", the
// Unsolved tab), longest waiting first. For an agent it is also "mine + unassigned that I may take" (assignee=mine: the
// unassigned ones they see are those of their inboxes and queues, exactly those they may take);
// supervisors and admins see all open work, whoever has it. status=all and assignee=any widen it.

export const INBOX_PAGE_SIZE = 25;

/**
 * Each status tab counts exactly up to here and says "999+" past it: a tab's count reads at most
 * this many index entries, so the tabs cost the same at 100k conversations as at 100 (SPEC §7:
 * no table scan to count). lib/domain/conversations/list-counts.ts counts with it.
 */
export const TAB_COUNT_CAP = 999;

/** The tabs' extra statuses: OPEN + WAITING (the default), and everything. */
export const STATUS_VIEWS = ['active', 'all'] as const;
export type StatusView = (typeof CONVERSATION_STATUSES)[number] | (typeof STATUS_VIEWS)[number];

/** The inbox's sorts (the list query's orderBy values); the first is the default. */
export const INBOX_SORTS = ['waitingSince:asc', 'waitingSince:desc', 'priority:asc', 'priority:desc', 'lastInboundAt:desc', 'lastInboundAt:asc', 'createdAt:desc', 'createdAt:asc'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const DEFAULT_SORT: InboxSort = 'waitingSince:asc';

// A hand-edited or stale URL drops the bad value instead of failing the whole page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const inboxFiltersSchema = z.object({
  /** A status, "active" (OPEN + WAITING) or "all"; absent means active. */
  status: optional(z.enum([...CONVERSATION_STATUSES, ...STATUS_VIEWS])),
  priority: optional(z.enum(PRIORITIES)),
  queue: optional(idSchema),
  inbox: optional(idSchema),
  /** "mine" (mine + unassigned), "any", "me", "unassigned" or an agent's id; absent: mine for an agent, any for others. */
  assignee: optional(idSchema),
  tag: optional(tagNameSchema),
  q: optional(z.string().trim().min(1).max(200)),
  /** "only": the Snoozed tab; "hide": snoozed ones left out (absent: shown with the rest). */
  snoozed: optional(z.enum(['only', 'hide'])),
  sort: optional(z.enum(INBOX_SORTS)),
  page: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});

export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/** The order keys appear in the URL, so equal filters give equal (shareable) addresses. */
const URL_KEYS = ['status', 'snoozed', 'priority', 'queue', 'inbox', 'assignee', 'tag', 'q', 'sort', 'page'] as const satisfies readonly (keyof InboxFilters)[];

export function parseInboxFilters(raw: Record<string, string | string[] | undefined>): InboxFilters {
  const first = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return inboxFiltersSchema.parse(first);
}

/** Only the keys that narrow the list; page 0 is left out. */
export function inboxSearchParams(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of URL_KEYS) {
    const value = filters[key];
    if (value === undefined || value === '' || (key === 'page' && value === 0)) continue;
    params.set(key, String(value));
  }
  return params;
}

export function inboxHref(filters: InboxFilters): string {
  const qs = inboxSearchParams(filters).toString();
  return qs ? `/inbox?${qs}` : '/inbox';
}

export function hasNarrowingFilters(filters: InboxFilters): boolean {
  // Status and snoozed are the tabs, not the filter bar's; sort is the table's.
  return URL_KEYS.some((k) => k !== 'page' && k !== 'status' && k !== 'snoozed' && k !== 'sort' && filters[k] !== undefined);
}

/**
 * What absent values mean. Without a search: open work (above). A search looks through everything
 * the user may see, whatever its status or assignee — one is looking for a conversation, not at a
 * worklist; a tab or an assignee chosen still narrows it.
 */
export function inboxDefaults(role: Role, q: string | undefined): { status: StatusView; assignee: 'mine' | 'any'; sort: InboxSort } {
  if (q) return { status: 'all', assignee: 'any', sort: DEFAULT_SORT };
  return { status: 'active', assignee: role === 'AGENT' ? 'mine' : 'any', sort: DEFAULT_SORT };
}

/** What the filters ask for once the defaults are filled in (the controls show these). */
export function effectiveFilters(filters: InboxFilters, role: Role): InboxFilters & { status: StatusView; assignee: string; sort: InboxSort } {
  const d = inboxDefaults(role, filters.q);
  return { ...filters, status: filters.status ?? d.status, assignee: filters.assignee ?? d.assignee, sort: filters.sort ?? d.sort };
}

/** The same filters with every value that equals its default left out: the shortest address for a view. */
export function withoutDefaults(filters: InboxFilters, role: Role): InboxFilters {
  const d = inboxDefaults(role, filters.q);
  return {
    ...filters,
    status: filters.status === d.status ? undefined : filters.status,
    assignee: filters.assignee === d.assignee ? undefined : filters.assignee,
    sort: filters.sort === d.sort ? undefined : filters.sort,
  };
}

/** The domain's list query for these filters; "me" is the signed-in user's id. */
export function toListQuery(filters: InboxFilters, me: { id: string; role: Role }): ConversationListQuery & ListFilters {
  const { status, assignee, sort } = effectiveFilters(filters, me.role);
  const query = conversationListQuerySchema.parse({
    page: filters.page,
    limit: INBOX_PAGE_SIZE,
    orderBy: sort,
    status: status === 'all' ? undefined : status === 'active' ? ['OPEN', 'WAITING'] : status,
    priority: filters.priority,
    queueIds: filters.queue,
    inboxId: filters.inbox,
    tagNames: filters.tag,
    text: filters.q,
    agentId: assignee === 'me' ? me.id : assignee === 'unassigned' || assignee === 'mine' || assignee === 'any' ? undefined : assignee,
    unassigned: assignee === 'unassigned' ? 'true' : undefined,
    snoozed: filters.snoozed === 'only' ? 'true' : filters.snoozed === 'hide' ? 'false' : undefined,
  });
  return { ...query, mineOrUnassigned: assignee === 'mine' ? me.id : undefined, defaultView: status === 'active' || undefined };
}
