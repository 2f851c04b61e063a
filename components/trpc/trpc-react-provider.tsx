"use client";
import { MutationCache, QueryCache, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/api/root";
import { trpcBatchMaxItems } from "./batch-limit";
import { makeQueryClient } from "./query-client";
import { dataTransformer } from "./query-data";
import { TRPCProvider } from "./trpc-context";

function createQueryClient() {
  return makeQueryClient({
    queryCache: new QueryCache({ onError: signInWhenSignedOut }),
    mutationCache: new MutationCache({ onError: signInWhenSignedOut }),
  });
}

/** Pages anyone may open signed out (they ask `teams.me` to learn whether someone is signed in). */
const publicPages = /^\/(sign-in|sign-up|invite\/)/;

/** A session that expired or was signed out elsewhere: back to the sign-in page, then here again. */
function signInWhenSignedOut(error: unknown) {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  if (code !== "UNAUTHORIZED" || typeof window === "undefined" || publicPages.test(window.location.pathname)) return;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}

/** One query client and tRPC client per browser tab (state, not module globals: one per request on the server). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (the run stream) over SSE: EventSource reconnects on its own and resends the
        // last event id, so the stream resumes where it stopped. Everything else is batched.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: dataTransformer }),
          false: httpBatchLink({ url: "/api/trpc", transformer: dataTransformer, maxItems: trpcBatchMaxItems }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
