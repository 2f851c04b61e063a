import { afterAll, describe, expect, it } from "vitest";
import { runStoreContract } from "../../../engine/ports/run-store.contract";
import { openSqlite } from "../../db/sqlite";
import { createSqliteTestDatabase } from "../../testing/sqlite-store-db";
import { pendingRunRow } from "../../testing/pending-run-row";
import { openRunStore } from "./open-run-store";
import { SqliteRunStore } from "./sqlite-run-store";

const database = createSqliteTestDatabase();
afterAll(() => database.cleanup());

runStoreContract("SqliteRunStore", async () => {
  const store = SqliteRunStore.open(database.filename);
  return { store, cleanup: () => store.close() };
});

describe("SqliteRunStore storage format", () => {
  it("stores timestamps as Prisma's better-sqlite3 adapter does", async () => {
    const store = SqliteRunStore.open(database.filename);
    const createdAt = new Date("2026-11-23T10:00:00.000Z");
    await store.commit([{ run: pendingRunRow("format-run", createdAt), steps: [], events: [] }]);
    await store.close();

    const db = openSqlite(database.filename);
    const raw = db.prepare("SELECT created_at, started_at, output FROM runs WHERE id = ?").get("format-run");
    db.close();
    expect(raw).toEqual({ created_at: "2026-11-23T10:00:00.000+00:00", started_at: null, output: null });
  });

  it("leaves a database it was given open on close", async () => {
    const db = openSqlite(database.filename);
    await new SqliteRunStore(db).close();
    expect(db.open).toBe(true);
    db.close();
  });

  it("is what openRunStore returns for a file: URL", async () => {
    const store = await openRunStore(database.url);
    expect(store).toBeInstanceOf(SqliteRunStore);
    await store.close();
  });
});
