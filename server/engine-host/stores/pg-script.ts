import pg from "pg";
import { utcTimestampTypes } from "./pg-types";

/**
 * Several statements in ONE round trip: PostgreSQL runs a simple-protocol query of many statements
 * as one implicit transaction (committed after the last, rolled back whole when one fails), each
 * statement with a fresh snapshot as under READ COMMITTED, unless the first is `SET TRANSACTION`.
 * node-postgres sends every parameterised query as its own round trip (no pipelining), so the hand-over
 * path (a claim, a load) uses scripts: one round trip instead of five to seven, which on a loaded
 * machine is most of their latency. The simple protocol takes no parameters: values are inlined as
 * literals with the helpers below (never with string concatenation of their own), and nothing is
 * prepared (each statement is planned afresh, which also spares the generic plans named statements
 * fall into).
 *
 * @example
 * const [held, claimed] = await runScript(pool, [`SELECT 1 FROM engine_leases WHERE epoch = ${sqlInt(epoch)}`, "…"]);
 */
export async function runScript(client: pg.Pool | pg.ClientBase, statements: readonly string[]): Promise<pg.QueryResult[]> {
  const result = (await client.query({ text: statements.join(";\n"), types: utcTimestampTypes })) as pg.QueryResult | pg.QueryResult[];
  return Array.isArray(result) ? result : [result];
}

/** A text value as an SQL literal (`E'…'` when it holds a backslash). */
export function sqlText(value: string): string {
  return pg.escapeLiteral(value);
}

/** Text values as a `text[]` literal; an empty list is the empty array. */
export function sqlTextArray(values: readonly string[]): string {
  return values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(sqlText).join(", ")}]::text[]`;
}

/** An integer as an SQL literal; anything else is refused (it would be inlined). */
export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${String(value)}`);
  return String(value);
}
