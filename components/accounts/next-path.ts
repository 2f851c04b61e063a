/** A path on this site to go to after signing in; anything else (another site, `//host`) goes home. */
export function safeNextPath(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
