import { z } from 'zod';
import { ConversationStatus, Priority } from '../generated/prisma/enums';

export const CONVERSATION_STATUSES = Object.values(ConversationStatus);
export const PRIORITIES = Object.values(Priority);
export const ORDER_BY_FIELDS = ['createdAt', 'updatedAt', 'priority', 'status'] as const;

const csvEnum = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** Conversation list parameters: the same for the inbox page (URL search params) and the API. */
export const conversationListQuerySchema = z.object({
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(999).default(10),
  orderBy: z
    .string()
    .regex(new RegExp(`^(${ORDER_BY_FIELDS.join('|')}):(asc|desc)$`), 'Use field:asc or field:desc with field one of ' + ORDER_BY_FIELDS.join(', '))
    .default('createdAt:desc'),
  status: csvEnum(CONVERSATION_STATUSES as [ConversationStatus, ...ConversationStatus[]]).optional(),
  priority: csvEnum(PRIORITIES as [Priority, ...Priority[]]).optional(),
  queueId: z.string().min(1).max(100).optional(),
  inboxId: z.string().min(1).max(100).optional(),
  agentId: z.string().min(1).max(100).optional(),
  unassigned: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  tag: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).optional(),
});

export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;
