export type CannedScope = 'SHARED' | 'PERSONAL';
export type CannedReplyData = { id: string; scope: CannedScope; title: string; body: string; createdBy: string | null };
