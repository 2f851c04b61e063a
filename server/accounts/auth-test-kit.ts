import type { OrkaAuth } from "./create-auth";

/** POSTs JSON to one of better-auth's endpoints as a browser on `origin` would (its Origin header). */
export function postToAuth(auth: OrkaAuth, origin: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return auth.handler(
    new Request(`${origin}/api/auth${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", origin, ...headers },
    }),
  );
}

/** The `name=value` of the session cookie a sign-up or sign-in set. */
export function sessionCookieOf(response: Response): string {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.includes("session_token="));
  if (!setCookie) throw new Error(`no session cookie (status ${response.status})`);
  return setCookie.split(";")[0]!;
}
