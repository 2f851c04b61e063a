import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runStoreContract } from "../../../engine/ports/run-store.contract";
import { createPostgresTestDatabase } from "../../testing/postgres-test-db";
import { pendingRunRow } from "../../testing/pending-run-row";
import { openRunStore } from "./open-run-store";
import { PgRunStore } from "./pg-run-store";

const database = await createPostgresTestDatabase();

describe.skipIf(!database)("PgRunStore", () => {
  const url = database?.url ?? "";
  afterAll(() => database?.drop());

  runStoreContract("PgRunStore", async () => {
    const store = await PgRunStore.open(url);
    return { store, cleanup: () => store.close() };
  });

  it("stores timestamps as UTC wall time in TIMESTAMP(3), as Prisma does", async () => {
    const store = await PgRunStore.open(url);
    await store.commit([{ run: pendingRunRow("format-run", new Date("2026-11-23T10:00:00.123Z")), steps: [], events: [] }]);
    await store.close();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.MS') AS created_at, started_at, output FROM runs WHERE id = $1`,
      ["format-run"],
    );
    await client.end();
    expect(rows).toEqual([{ created_at: "2026-11-23 10:00:00.123", started_at: null, output: null }]);
  });

  it("leaves a pool it was given open on close", async () => {
    const pool = new pg.Pool({ connectionString: url });
    await new PgRunStore(pool).close();
    expect(pool.ended).toBe(false);
    await pool.end();
  });

  it("is what openRunStore returns for a postgres:// URL", async () => {
    const store = await openRunStore(url);
    expect(store).toBeInstanceOf(PgRunStore);
    await store.close();
  });
});
