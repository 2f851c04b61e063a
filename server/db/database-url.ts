import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; filename: string; url: string }
  | { provider: "postgres"; url: string };

export const defaultDatabaseUrl = "file:./data/orka.db";

/**
 * Reads a `DATABASE_URL`: `postgres://` / `postgresql://` selects PostgreSQL, `file:` (or a bare
 * path) the embedded SQLite database, relative to `cwd`.
 */
export function parseDatabaseUrl(url: string = defaultDatabaseUrl, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgres", url };
  const file = url.startsWith("file:") ? url.slice("file:".length).replace(/^\/\/(?=\/)/, "") : url;
  if (!file) throw new Error(`DATABASE_URL "${url}" names no database file`);
  const filename = path.resolve(cwd, file.split("?")[0]!);
  return { provider: "sqlite", filename, url: `file:${filename}` };
}

export function databaseUrlFromEnv(): DatabaseTarget {
  return parseDatabaseUrl(process.env.DATABASE_URL || defaultDatabaseUrl);
}
