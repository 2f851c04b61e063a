import { getAppAuth } from "@/server/accounts/app-auth";

// better-auth's endpoints: /api/auth/sign-up/email, /sign-in/email, /sign-out, /get-session …
async function handler(request: Request) {
  return getAppAuth().handler(request);
}

export { handler as GET, handler as POST };
