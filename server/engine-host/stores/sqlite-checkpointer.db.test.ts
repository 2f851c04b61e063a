// The background WAL checkpointer: a worker thread with its own connection copies committed pages
// into the database file while the committing connection never checkpoints (real file, real thread).
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase } from "../../testing/sqlite-store-db";
import { pendingRunRow } from "../../testing/pending-run-row";
import { SqliteRunStore } from "./sqlite-run-store";

const database = createSqliteTestDatabase();
afterAll(() => database.cleanup());

const silent = { error: () => {} };

describe("SqliteRunStore with background checkpoints", () => {
  it("copies what commits wrote into the database file without the committing connection checkpointing", async () => {
    const store = SqliteRunStore.open(database.filename, { backgroundCheckpoints: { logger: silent } });
    store.database.pragma("wal_autocheckpoint = 0"); // only the worker checkpoints now
    const sizeBefore = fs.statSync(database.filename).size;
    const at = new Date("2026-12-06T10:00:00.000Z");
    const payload = "x".repeat(4_000);
    for (let batch = 0; batch < 20; batch++) {
      await store.commit(
        Array.from({ length: 10 }, (_, index) => ({ run: { ...pendingRunRow(`ckpt-${batch}-${index}`, at), input: { payload } }, steps: [], events: [] })),
      );
    }
    await expect.poll(() => fs.statSync(database.filename).size, { timeout: 10_000, interval: 100 }).toBeGreaterThan(sizeBefore + 400_000);
    await store.close();
  });

  it("stops its thread on close, so the store closes promptly", async () => {
    const store = SqliteRunStore.open(database.filename, { backgroundCheckpoints: { logger: silent } });
    await store.close();
    expect(store.database.open).toBe(false);
  });

  it("logs a checkpointer that cannot open the file, and the store goes on committing", async () => {
    const errors: string[] = [];
    const store = SqliteRunStore.open(database.filename, { backgroundCheckpoints: { logger: { error: (message) => errors.push(message) } } });
    // The same store, but a checkpointer aimed at a file that does not exist (fileMustExist).
    const { startCheckpointer } = await import("./sqlite-checkpointer");
    const broken = startCheckpointer(`${database.filename}.missing`, { error: (message) => errors.push(message) });
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await store.commit([{ run: pendingRunRow("after-broken", new Date()), steps: [], events: [] }]);
    expect(await store.loadRun("after-broken")).not.toBeNull();
    await broken.stop();
    await store.close();
  });
});
