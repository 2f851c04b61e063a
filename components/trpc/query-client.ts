import { defaultShouldDehydrateQuery, QueryClient, type QueryClientConfig } from "@tanstack/react-query";
import superjson from "superjson";
import { serializeQueryData } from "./query-data";

/**
 * The query client options the browser and the server share. A query a server component prefetched
 * crosses to the browser dehydrated (as superjson, like tRPC's own answers: dates stay dates; written
 * by `serializeQueryData`, which skips plain JSON such as a draft) and is hydrated there by
 * `HydrationBoundary`, so the page shows its data without asking for it again.
 */
export function makeQueryClient(config: Omit<QueryClientConfig, "defaultOptions"> = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      // A short staleTime avoids refetching right after hydration or a remount.
      queries: { staleTime: 10_000 },
      dehydrate: { serializeData: serializeQueryData, shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
