import type { DbProvider } from "./create-prisma-client";

/**
 * A case-insensitive substring filter on both providers. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL's needs `mode: "insensitive"` (ILIKE), which the SQLite-typed `Db` does not declare.
 */
export function containsText(provider: DbProvider, text: string): { contains: string } {
  return provider === "postgres" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
