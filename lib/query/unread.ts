'use client';

import { useQuery } from '@tanstack/react-query';
import { unreadCountAction } from '../actions/unread';

export const unreadKeys = {
  /** The signed-in user's count of unread assigned conversations (one number, so one key). */
  all: ['unread'] as const,
};

/** The count, or undefined until it has been read once. */
export function useUnreadCount(): number | undefined {
  const { data } = useQuery({
    queryKey: unreadKeys.all,
    queryFn: async () => {
      const r = await unreadCountAction();
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    staleTime: 0,
  });
  return data;
}
