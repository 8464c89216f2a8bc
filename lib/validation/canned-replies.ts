import { z } from 'zod';
import { idSchema } from './common';
import { MESSAGE_TEXT_MAX } from './conversations';

// Canned replies: one source of truth for their limits and their variables, shared by the
// management page, the reply box's `/` list and the domain.

export const CANNED_TITLE_MAX = 100;
// A filled reply becomes a message, so the template can be no longer than one.
export const CANNED_BODY_MAX = MESSAGE_TEXT_MAX;

/** The variables a reply may use, with what each becomes (the page lists them from here). */
export const CANNED_VARIABLES = [
  { name: 'customer.name', description: 'The customer’s name' },
  { name: 'customer.email', description: 'The customer’s email address' },
  { name: 'customer.phone', description: 'The customer’s phone number' },
  { name: 'agent.name', description: 'Your name (whoever inserts the reply)' },
  { name: 'agent.email', description: 'Your email address' },
  { name: 'conversation.id', description: 'The conversation’s id' },
  { name: 'conversation.topic', description: 'The conversation’s topic' },
] as const;

export type CannedVariable = (typeof CANNED_VARIABLES)[number]['name'];

/** `{{ name }}` or `{{ name | fallback }}`; the fallback is used when the value is empty. */
export const VARIABLE_PATTERN = /\{\{\s*([^{}|]*?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;

const KNOWN = new Set<string>(CANNED_VARIABLES.map((v) => v.name));

/** The unknown variable names a template uses (a typo would otherwise reach the customer as `{{…}}`). */
export function unknownVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE_PATTERN)].map((m) => m[1]).filter((n) => !KNOWN.has(n)))];
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const title = z
  .string({ message: 'Expected a title.' })
  .trim()
  .min(1, 'Give the reply a title.')
  .max(CANNED_TITLE_MAX, `At most ${CANNED_TITLE_MAX} characters.`)
  .refine((s) => !UNSTORABLE.test(s), 'Contains a NUL character or a broken Unicode sequence.');

const body = z
  .string({ message: 'Expected the reply’s text.' })
  .max(CANNED_BODY_MAX, `At most ${CANNED_BODY_MAX} characters.`)
  .refine((s) => s.trim().length > 0, 'Write the reply: it cannot be blank.')
  .refine((s) => !UNSTORABLE.test(s), 'Contains a NUL character or a broken Unicode sequence.')
  .superRefine((s, ctx) => {
    const unknown = unknownVariables(s);
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown variable ${unknown.map((n) => `{{${n}}}`).join(', ')}. Use ${CANNED_VARIABLES.map((v) => `{{${v.name}}}`).join(', ')}.`,
      });
    }
  });

export const cannedReplyFieldsSchema = z.strictObject({ title, body });
export const createCannedReplySchema = cannedReplyFieldsSchema;
export const updateCannedReplySchema = z.strictObject({ id: idSchema, title, body });
export const cannedReplyRefSchema = z.strictObject({ id: idSchema });

/** The `/` list: every reply the caller may use, optionally narrowed by words, filled for a conversation when one is named. */
export const listCannedRepliesSchema = z.strictObject({
  query: z.string().max(200, 'At most 200 characters.').optional().transform((q) => q?.trim() || undefined),
  conversationId: idSchema.optional(),
});

export type CannedReplyFields = z.output<typeof cannedReplyFieldsSchema>;
export type UpdateCannedReplyInput = z.output<typeof updateCannedReplySchema>;
export type ListCannedRepliesInput = z.output<typeof listCannedRepliesSchema>;
