import { z } from 'zod';
import { CONVERSATION_STATUSES, PRIORITIES, conversationListQuerySchema, type ConversationListQuery } from '../validation/conversations';
import { idSchema, tagNameSchema } from '../validation/common';

// The inbox's filters as they live in the URL (short names, one value each), shared by the page,
// the list action and the filter controls. Plain module: safe on the server and in the browser.

export const INBOX_PAGE_SIZE = 25;

// A hand-edited or stale URL drops the bad value instead of failing the whole page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const inboxFiltersSchema = z.object({
  status: optional(z.enum(CONVERSATION_STATUSES)),
  priority: optional(z.enum(PRIORITIES)),
  queue: optional(idSchema),
  inbox: optional(idSchema),
  /** "me", "unassigned" or an agent's id; absent means anyone. */
  assignee: optional(idSchema),
  tag: optional(tagNameSchema),
  q: optional(z.string().trim().min(1).max(200)),
  /** "only": the Snoozed tab; "hide": snoozed ones left out (absent: shown with the rest). */
  snoozed: optional(z.enum(['only', 'hide'])),
  page: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});

export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/** The order keys appear in the URL, so equal filters give equal (shareable) addresses. */
const URL_KEYS = ['status', 'snoozed', 'priority', 'queue', 'inbox', 'assignee', 'tag', 'q', 'page'] as const satisfies readonly (keyof InboxFilters)[];

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
  // Status and snoozed are the tabs, not the filter bar's.
  return URL_KEYS.some((k) => k !== 'page' && k !== 'status' && k !== 'snoozed' && filters[k] !== undefined);
}

/** The domain's list query for these filters; "me" is the signed-in user's id. */
export function toListQuery(filters: InboxFilters, meId: string): ConversationListQuery {
  const { assignee } = filters;
  return conversationListQuerySchema.parse({
    page: filters.page,
    limit: INBOX_PAGE_SIZE,
    status: filters.status,
    priority: filters.priority,
    queueIds: filters.queue,
    inboxId: filters.inbox,
    tagNames: filters.tag,
    text: filters.q,
    agentId: assignee === 'me' ? meId : assignee === 'unassigned' ? undefined : assignee,
    unassigned: assignee === 'unassigned' ? 'true' : undefined,
    snoozed: filters.snoozed === 'only' ? 'true' : filters.snoozed === 'hide' ? 'false' : undefined,
  });
}
