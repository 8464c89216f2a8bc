import { z } from 'zod';
import { NoteType } from '../generated/prisma/enums';
import { idSchema, orderBySchema, paginationSchema } from './common';

// Notes and conversation metadata: one source of truth for their limits, shared by the API, the
// console's note box and the domain.

export const NOTE_CONTENT_MAX = 4000;
export const NOTE_TYPES = Object.values(NoteType) as [NoteType, ...NoteType[]];

/** PostgreSQL stores no NUL, and no lone surrogate in jsonb; the HTTP door checks bodies, this checks what a console action sends. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const noteText = z
  .string({ message: 'Expected the note’s text.' })
  .max(NOTE_CONTENT_MAX, `At most ${NOTE_CONTENT_MAX} characters.`)
  .refine((s) => s.trim().length > 0, 'Write something: a note cannot be blank.')
  .refine((s) => !UNSTORABLE.test(s), 'Contains a NUL character or a broken Unicode sequence.');

/**
 * The reference's NoteContent, as its two examples write it: a string (`"content": "Note content"`)
 * or an object with `text` and, for ATTACHMENT notes, `attachments` (`[{"id": "12345"}]`). Either
 * way the text is what is stored; attachment references are accepted and not stored (Switchboard
 * keeps no files).
 */
const noteContent = z.union([
  noteText,
  z.strictObject({
    text: noteText,
    attachments: z
      .array(z.object({}).loose(), { message: 'Expected a list of attachments.' })
      .max(100, 'At most 100 attachments.')
      .nullish(),
  }),
], { message: 'Expected the note’s text, or an object with text.' })
  .transform((c) => (typeof c === 'string' ? c : c.text));

/** POST …/notes: the reference's CreateNoteApiRequest. `agentId` empty or null: the caller's own user, or none. */
export const createNoteSchema = z.strictObject({
  type: z.enum(NOTE_TYPES, { message: `Expected one of ${NOTE_TYPES.join(', ')}.` }).nullish().transform((t) => t ?? 'INTERNAL'),
  content: noteContent,
  agentId: z
    .string()
    .trim()
    .max(255, 'At most 255 characters.')
    .nullish()
    .transform((v) => v || null),
});
export const createNoteRequestSchema = createNoteSchema.extend({ conversationId: idSchema });
export type CreateNoteInput = z.output<typeof createNoteRequestSchema>;

export const noteListRequestSchema = z.object({
  ...paginationSchema,
  // An empty parameter (`?orderBy=`) is the default, as clients written for the reference send it.
  orderBy: z.preprocess((v) => (v === '' ? undefined : v), orderBySchema(['createdAt', 'updatedAt', 'id'] as const, 'createdAt:asc')),
  conversationId: idSchema,
});
export type NoteListInput = z.output<typeof noteListRequestSchema>;

// ---- metadata ---------------------------------------------------------------------------------

/** Of the conversation's metadata as JSON (UTF-8 bytes), after the change. */
export const METADATA_MAX_BYTES = 16 * 1024;
export const METADATA_KEY_MAX = 100;
/** Levels of objects and arrays below the top-level object (`{"a":{"b":[1]}}` is 2). */
export const METADATA_MAX_DEPTH = 5;

export type MetadataObject = Record<string, unknown>;

/** How deep a JSON value nests (a scalar is 0), stopping once past `limit`. */
function depthOf(v: unknown, limit: number): number {
  if (v === null || typeof v !== 'object') return 0;
  if (limit < 0) return 1;
  let deepest = 0;
  for (const child of Object.values(v as Record<string, unknown>)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return 1 + deepest;
}

export function metadataBytes(m: MetadataObject): number {
  return new TextEncoder().encode(JSON.stringify(m)).length;
}

/** A fault of a whole metadata object (after a merge, too), or null. */
export function metadataSizeFault(m: MetadataObject): string | null {
  const bytes = metadataBytes(m);
  return bytes > METADATA_MAX_BYTES ? `Metadata is limited to ${METADATA_MAX_BYTES} bytes of JSON; this would be ${bytes}.` : null;
}

const metadataKey = z
  .string()
  .min(1, 'Keys are 1 to 100 characters.')
  .max(METADATA_KEY_MAX, `Keys are 1 to ${METADATA_KEY_MAX} characters.`);

function metadataBody(nulls: 'keep' | 'remove') {
  return z
    .record(metadataKey, z.unknown(), { message: 'Expected a JSON object of keys and values.' })
    .superRefine((m, ctx) => {
      const keys = Object.keys(m);
      if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'Give at least one key.' });
      for (const k of keys) {
        const value = m[k];
        if (value === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'Expected a JSON value.' });
        else if (depthOf(value, METADATA_MAX_DEPTH) > METADATA_MAX_DEPTH) {
          ctx.addIssue({ code: 'custom', path: [k], message: `Nested too deeply: at most ${METADATA_MAX_DEPTH} levels below the key.` });
        }
      }
      const fault = metadataSizeFault(m);
      if (fault) ctx.addIssue({ code: 'custom', message: fault });
    })
    .meta({
      description:
        nulls === 'remove'
          ? 'Keys to set; a key set to null is removed. At least one key; keys 1–100 characters; values nested at most 5 levels; the merged metadata at most 16 KB of JSON.'
          : 'The whole metadata, replacing what was there. At least one key; keys 1–100 characters; values nested at most 5 levels; at most 16 KB of JSON.',
    });
}

/** PUT …/metadata: the body replaces the metadata. */
export const putMetadataRequestSchema = z.object({ conversationId: idSchema, metadata: metadataBody('keep') });
/** PATCH …/metadata: top-level keys merge; null removes a key. */
export const patchMetadataRequestSchema = z.object({ conversationId: idSchema, metadata: metadataBody('remove') });
export type MetadataChangeInput = z.output<typeof putMetadataRequestSchema>;
