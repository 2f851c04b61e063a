import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

/** One query client per server request: what its server components prefetch, the page hydrates. */
export const getServerQueryClient = cache(() => makeQueryClient());

/**
 * tRPC for server components: the same `queryOptions` as `useTRPC()` in the browser, answered by
 * calling the router in-process as the request's signed-in person (their session cookie), with every
 * procedure's own team and role checks.
 */
export const serverTRPC = createTRPCOptionsProxy({
  router: appRouter,
  queryClient: getServerQueryClient,
  ctx: cache(async () => createTRPCContext({ headers: await headers() })),
});

/**
 * Sends what this request prefetched into the browser's query cache along with the page. A query
 * that failed is not sent: the page asks again and shows its own error (not found, signed out).
 */
export function PrefetchedQueries({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getServerQueryClient())}>{children}</HydrationBoundary>;
}
