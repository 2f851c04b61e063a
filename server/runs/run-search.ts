import "server-only";
import type { RunSearch } from "@/engine/definition/run-search";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";

export { parseRunSearch, type RunSearch } from "@/engine/definition/run-search";

/** At most this many runs match an input search, the newest: the database stops there. */
export const inputSearchLimit = 500;

/**
 * Ids of the team's runs whose input holds `value` at `path`, newest first, at most
 * `inputSearchLimit`: the comparison runs in the database (SQLite's json_extract, PostgreSQL's
 * jsonb), so no input is read into this process.
 */
export async function runIdsByInput(db: Db, provider: DbProvider, teamId: string, search: Extract<RunSearch, { kind: "input" }>): Promise<string[]> {
  const rows = provider === "postgres" ? await byInputOnPostgres(db, teamId, search) : await byInputOnSqlite(db, teamId, search);
  return rows.map((row) => row.id);
}

function byInputOnPostgres(db: Db, teamId: string, { path, value }: Extract<RunSearch, { kind: "input" }>) {
  const segments = path.map(String);
  return db.$queryRaw<{ id: string }[]>`
    SELECT id FROM runs
    WHERE team_id = ${teamId} AND (input::jsonb #> ${segments}::text[]) = ${JSON.stringify(value)}::jsonb
    ORDER BY created_at DESC, id DESC
    LIMIT ${inputSearchLimit}`;
}

function byInputOnSqlite(db: Db, teamId: string, { path, value }: Extract<RunSearch, { kind: "input" }>) {
  const jsonPath = "$" + path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `."${segment}"`)).join("");
  // json_extract gives SQL values: true/false as 1/0, so the JSON type is compared as well.
  const type = value === null ? "null" : typeof value === "boolean" ? String(value) : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "real") : "text";
  const scalar = typeof value === "boolean" ? Number(value) : value;
  return db.$queryRaw<{ id: string }[]>`
    SELECT id FROM runs
    WHERE team_id = ${teamId} AND json_valid(input) AND json_type(input, ${jsonPath}) = ${type}
      AND (${scalar} IS NULL OR json_extract(input, ${jsonPath}) = ${scalar})
    ORDER BY created_at DESC, id DESC
    LIMIT ${inputSearchLimit}`;
}
