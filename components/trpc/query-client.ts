import { defaultShouldDehydrateQuery, QueryClient, type QueryClientConfig } from "@tanstack/react-query";
import { dehydrateQueryData, hydrateQueryData } from "./query-data";

/**
 * The query client options the browser and the server share. A query a server component prefetched
 * crosses to the browser dehydrated (as superjson, like tRPC's own answers: dates stay dates; plain
 * JSON such as a draft as one string: `dehydrateQueryData`) and is hydrated there by
 * `HydrationBoundary`, so the page shows its data without asking for it again.
 */
export function makeQueryClient(config: Omit<QueryClientConfig, "defaultOptions"> = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      // A short staleTime avoids refetching right after hydration or a remount.
      queries: { staleTime: 10_000 },
      dehydrate: { serializeData: dehydrateQueryData, shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) },
      hydrate: { deserializeData: hydrateQueryData },
    },
  });
}
