import { z } from 'zod';
import { API_TIMESTAMP, apiPaginationSchema, apiResponseRegistry } from './api-responses';
import { NOTE_CONTENT_MAX, NOTE_TYPES } from './notes';

// Notes' answers (reference NoteApiResponse, NoteResultPage), as lib/http/note-mapper.ts writes them.

const timestamp = z.string().regex(API_TIMESTAMP).meta({ description: 'UTC, always with milliseconds and a +0000 offset.', examples: ['2025-04-24T11:25:41.058+0000'] });
const id = z.string().min(1).max(255);

export const apiNoteSchema = z
  .strictObject({
    id,
    conversationId: id,
    agentId: id.optional().meta({ description: 'The author. Left out for a note written by an API key that acts for no user.' }),
    content: z.string().min(1).max(NOTE_CONTENT_MAX).meta({ description: 'The note’s text. An ATTACHMENT note keeps its text only: attachment references are not stored.' }),
    type: z.enum(NOTE_TYPES),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ description: 'An internal note: never sent to the customer; seen by whoever may see the conversation.' })
  .register(apiResponseRegistry, { id: 'NoteApiResponse' });

export const apiNotePageSchema = z
  .strictObject({ notes: z.array(apiNoteSchema), pagination: apiPaginationSchema })
  .meta({ description: 'One page of notes.' })
  .register(apiResponseRegistry, { id: 'NoteResultPage' });

/** GET …/metadata answers the metadata object itself (`{}` when there is none). */
export const apiMetadataSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'The conversation’s metadata: free JSON keys and values, `{}` when there is none.', examples: [{ key1: 'value1', key2: 'value2' }] })
  .register(apiResponseRegistry, { id: 'ConversationMetadata' });
