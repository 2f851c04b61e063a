import pg from "pg";

const timestampWithoutTimeZone = 1114;

/**
 * Prisma keeps DateTime in `TIMESTAMP(3)` WITHOUT time zone, holding UTC. pg's default parser
 * reads such a value in the process's local zone, and serialises a `Date` parameter in it too:
 * under TZ=America/New_York every instant would shift by 5 hours. So timestamps are written as
 * offset-free UTC text (`pgTimestamp`) and read with this parser, set per pool or per query,
 * never on the global `pg.types` other modules (Prisma's adapter) share.
 */
export const utcTimestampTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === timestampWithoutTimeZone && format !== "binary"
      ? parseUtcTimestamp
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** `2026-11-23 10:00:00.123` (PostgreSQL's ISO output) as a UTC instant. */
function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

/** `2026-11-23T10:00:00.123`: UTC without an offset, so no session or process zone applies. */
export function pgTimestamp(date: Date): string {
  return date.toISOString().slice(0, -1);
}

export function optionalPgTimestamp(date: Date | null | undefined): string | null {
  return date ? pgTimestamp(date) : null;
}

/**
 * A pool whose clients read timestamps as UTC (see `utcTimestampTypes`). Hazard: an idle client
 * that loses its connection (server restart) makes the pool emit `error`, which kills the process
 * when nobody listens; the pool drops that client and the next query connects afresh.
 */
export function createPgPool(connectionString: string, options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, types: utcTimestampTypes, ...options });
  pool.on("error", (error) => console.warn(`orka: idle PostgreSQL connection lost: ${error.message}`));
  return pool;
}
