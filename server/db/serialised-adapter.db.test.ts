import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createSqliteTestDb } from "../testing/sqlite-test-db";
import { walAutocheckpointPages } from "./sqlite";

describe("the serialised SQLite connection", async () => {
  const database = await createSqliteTestDb();
  afterAll(() => database.cleanup());
  const { db } = database;
  beforeEach(async () => {
    await db.team.deleteMany();
  });

  it("checkpoints the WAL at the engine connection's threshold, not at SQLite's default of 1,000 pages", async () => {
    const [setting] = await db.$queryRaw<{ wal_autocheckpoint: bigint }[]>`PRAGMA wal_autocheckpoint`;
    expect(Number(setting!.wal_autocheckpoint)).toBe(walAutocheckpointPages);
  });

  it("rolls back a transaction whose COMMIT fails and frees the connection for the next request", async () => {
    const committing = db.$transaction(async (tx) => {
      await tx.$executeRaw`PRAGMA defer_foreign_keys = ON`;
      await tx.membership.create({ data: { userId: "no-such-user", teamId: "no-such-team", role: "viewer" } });
    });
    await expect(committing).rejects.toThrow(/ForeignKeyConstraintViolation/);
    expect(await db.membership.count()).toBe(0);
    await expect(db.$transaction(async (tx) => tx.team.create({ data: { slug: "after", name: "after" }, select: { slug: true } }))).resolves.toEqual({ slug: "after" });
  });

  it("lets a plain query waiting on a transaction run once that transaction times out", async () => {
    const opened = deferred();
    const otherRequestDone = deferred();
    // A transaction that waits for another request, which waits for the transaction: only its timeout ends this.
    const stalled = db.$transaction(
      async (tx) => {
        await tx.team.count();
        opened.resolve();
        await otherRequestDone.promise;
        return tx.team.count();
      },
      { timeout: 300 },
    );
    await opened.promise;
    const otherRequest = (async () => db.team.count())().finally(otherRequestDone.resolve);
    await expect(stalled).rejects.toThrow(/expired transaction/);
    await expect(otherRequest).resolves.toBe(0);
  });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
