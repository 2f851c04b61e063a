import { trustedOrigins } from "@/server/accounts/app-auth";
import { createTRPCContext } from "@/server/api/trpc";
import { handleTRPCRequest } from "@/server/api/trpc-http";

function handler(request: Request) {
  return handleTRPCRequest(request, { trustedOrigins: trustedOrigins(), createContext: (req) => createTRPCContext({ headers: req.headers }) });
}

export { handler as GET, handler as POST };
