import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getLog } from "@/server/observability/log";
import { appRouter } from "./root";
import type { TRPCContext } from "./trpc";
import { admitTRPCRequest } from "./trpc-admission";
import { trpcLimitsFromEnv, type TRPCRequestLimits } from "./trpc-limits";

const endpoint = "/api/trpc";

export interface TRPCHttpOptions {
  createContext(request: Request): Promise<TRPCContext>;
  /** Origins allowed to change state besides none: the app's own (see `trustedOrigins()`). */
  trustedOrigins: readonly string[];
  limits?: TRPCRequestLimits;
}

/**
 * `/api/trpc` over HTTP: every request is admitted first (`admitTRPCRequest`: origin, batch size,
 * bounded body, JSON depth); a refused one answers every call of it with the refusal, formatted
 * by tRPC like any other error, without creating a context or running a procedure.
 */
export async function handleTRPCRequest(request: Request, options: TRPCHttpOptions): Promise<Response> {
  const { request: admitted, refusal } = await admitTRPCRequest(request, endpoint, options.limits ?? trpcLimitsFromEnv(), options.trustedOrigins);
  return fetchRequestHandler({
    endpoint,
    req: admitted,
    router: appRouter,
    createContext: async ({ req }) => {
      if (refusal) throw refusal;
      return options.createContext(req);
    },
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") getLog().error({ err: error.cause ?? error, procedure: path ?? null }, "tRPC procedure failed");
    },
  });
}
