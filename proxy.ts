import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends people without a session cookie to the sign-in page. Only a fast first check: every
 * procedure and route still verifies the session and the team role itself.
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const next = request.nextUrl.pathname + request.nextUrl.search;
  if (next !== "/") signIn.searchParams.set("next", next);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Pages only: not the APIs (they answer 401 themselves; /api/health answers anyone), sign-in/up, invite links or static files
  // (the icons and the manifest are fetched by signed-out browsers too, the manifest without cookies).
  matcher: ["/((?!api/|_next/|sign-in|sign-up|invite/|icon\\.svg|icon-192\\.png|icon-512\\.png|apple-touch-icon\\.png|favicon\\.ico|site\\.webmanifest).*)"],
};
