/**
 * CSRF defence for cookie-authenticated endpoints outside /api/auth (better-auth checks those):
 * a request that can change state must come from one of our own pages. Browsers send `Origin` on
 * every POST; SameSite=Lax alone is not enough because another port on the same host is
 * "same-site" and gets our cookie.
 */
export function crossSiteRefusal(request: Pick<Request, "method" | "headers">, trustedOrigins: readonly string[]): string | null {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return null;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    return trustedOrigins.includes(origin) ? null : `cross-site request refused: ${origin} is not this server's origin`;
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return null;
  return "cross-site request refused: the request has no Origin header";
}
