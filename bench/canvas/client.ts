import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import { cookieHeader, type OrkaServer } from "./server";

/**
 * A tRPC client signed in as the bench owner. Its POSTs carry the server's own Origin, as the app's
 * pages do: the tRPC route refuses a POST without one (CSRF defence).
 */
export function createBenchClient(server: Pick<OrkaServer, "url" | "session">) {
  const headers = { cookie: cookieHeader(server.session), origin: server.url };
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/api/trpc`, transformer: superjson, headers })] });
}

export type BenchClient = ReturnType<typeof createBenchClient>;
