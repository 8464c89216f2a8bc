import { z } from 'zod';

export const AUDIT_ENTITIES = ['QUEUE', 'ROUTES', 'INBOX', 'USER', 'API_KEY', 'WORKING_HOURS', 'TAG', 'CANNED_REPLY', 'WEBHOOK'] as const;

export const AUDIT_ENTITY_LABEL: Record<(typeof AUDIT_ENTITIES)[number], string> = {
  QUEUE: 'Queue',
  ROUTES: 'Routes',
  INBOX: 'Inbox',
  USER: 'User',
  API_KEY: 'API key',
  WORKING_HOURS: 'Working hours',
  TAG: 'Tag',
  CANNED_REPLY: 'Canned reply',
  WEBHOOK: 'Webhook',
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Not a date.');

// `<ISO time>_<id>`: the entry a page starts after (older) or before (newer), newest first.
const cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[\w-]{1,64}$/, 'Not a page of the audit log.');

// Empty fields of the filter form arrive as '' and mean "any".
const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);

/** The audit log page's filters (search parameters): entity type, actor, date range (UTC days), text, page. */
export const auditQuerySchema = z.object({
  entity: z.preprocess(blankIsAbsent, z.enum(AUDIT_ENTITIES, { message: 'Unknown entity type.' }).optional()),
  // `user:<id>`, `key:<id>` or `system`.
  actor: z.preprocess(blankIsAbsent, z.string().regex(/^(user:[\w-]{1,64}|key:[\w-]{1,64}|system)$/, 'Unknown actor.').optional()),
  from: z.preprocess(blankIsAbsent, day.optional()),
  to: z.preprocess(blankIsAbsent, day.optional()),
  q: z.preprocess(blankIsAbsent, z.string().trim().max(200, 'At most 200 characters.').optional()),
  older: z.preprocess(blankIsAbsent, cursor.optional()),
  newer: z.preprocess(blankIsAbsent, cursor.optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
