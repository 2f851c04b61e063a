import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { trustedOrigins } from "@/server/accounts/app-auth";
import { crossSiteRefusal } from "@/server/accounts/request-origin";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async ({ req }) => {
      const refusal = crossSiteRefusal(req, trustedOrigins());
      if (refusal) throw new TRPCError({ code: "FORBIDDEN", message: refusal });
      return createTRPCContext({ headers: req.headers });
    },
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
