import type { NoteRow } from '../domain/notes';
import { apiTimestamp, compact } from './format';

/** NoteApiResponse: `agentId` is the author (left out when there is none). */
export function apiNote(n: Pick<NoteRow, 'id' | 'conversationId' | 'authorId' | 'content' | 'type' | 'createdAt' | 'updatedAt'>) {
  return compact({
    id: n.id,
    conversationId: n.conversationId,
    agentId: n.authorId,
    content: n.content,
    type: n.type,
    createdAt: apiTimestamp(n.createdAt),
    updatedAt: apiTimestamp(n.updatedAt),
  });
}
