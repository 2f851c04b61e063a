import { AsyncResource } from "node:async_hooks";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDb } from "../testing/sqlite-test-db";
import { createPrismaClient, type Db } from "./create-prisma-client";
import { OuterClientInTransactionError } from "./transaction-scope";

const postgres = await createPostgresTestDatabase();

describe("transaction callbacks on SQLite", async () => {
  const database = await createSqliteTestDb();
  afterAll(() => database.cleanup());
  outerClientSuite(database.db);
});

describe.skipIf(!postgres)("transaction callbacks on PostgreSQL", () => {
  const db = createPrismaClient({ provider: "postgres", url: postgres?.url ?? "" });
  afterAll(async () => {
    await db.$disconnect();
    await postgres?.drop();
  });
  outerClientSuite(db);
});

function outerClientSuite(db: Db) {
  beforeEach(async () => {
    await db.team.deleteMany();
  });

  it("refuses a query through the outer client inside a transaction callback, rolling the transaction back", async () => {
    const mixedUp = db.$transaction(async (tx) => {
      await tx.team.create({ data: { slug: "inside", name: "inside" } });
      await db.team.create({ data: { slug: "outer", name: "outer" } });
    });
    await expect(mixedUp).rejects.toBeInstanceOf(OuterClientInTransactionError);
    expect(await db.team.count()).toBe(0);
  });

  it("refuses a transaction of the outer client nested in a callback", async () => {
    await expect(db.$transaction(async () => db.$transaction(async (tx) => tx.team.count()))).rejects.toBeInstanceOf(OuterClientInTransactionError);
    await expect(db.$transaction(async () => db.$transaction([db.team.count()]))).rejects.toBeInstanceOf(OuterClientInTransactionError);
  });

  it("lets through another request's query that Prisma batches with a callback's query", async () => {
    await db.team.create({ data: { slug: "shared", name: "shared" } });
    // Prisma sends the findUniques of one tick together, from the async context of the first one.
    const asAnotherRequest = AsyncResource.bind((work: () => Promise<unknown>) => work());
    let other: Promise<unknown> | undefined;
    await db.$transaction(async (tx) => {
      const mine = tx.team.findUnique({ where: { slug: "shared" }, select: { slug: true } }).then((team) => team);
      other = asAnotherRequest(() => db.team.findUnique({ where: { slug: "shared" }, select: { slug: true } }).then((team) => team));
      await mine;
    });
    await expect(other).resolves.toEqual({ slug: "shared" });
  });

  it("lets work a callback leaves behind use the outer client once the callback has returned", async () => {
    let committed!: () => void;
    const afterCommit = new Promise<void>((resolve) => (committed = resolve));
    let later: Promise<number> | undefined;
    await db.$transaction(async (tx) => {
      await tx.team.create({ data: { slug: "committed", name: "committed" } });
      // Registered inside the callback, so it runs in the callback's async context.
      later = afterCommit.then(() => db.team.count());
    });
    committed();
    await expect(later).resolves.toBe(1);
  });
}
