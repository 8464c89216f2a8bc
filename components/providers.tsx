'use client';

import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages arrive server-rendered; without a stale time every mount would fetch the same rows again.
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // Failures here are refusals or a server that is down; one quiet retry is enough.
        retry: 1,
      },
      // A retried mutation could send a reply twice.
      mutations: { retry: false },
    },
  });
}

/** Client-side state shared by the console's pages. One client per browser tab, kept across navigations. */
export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
