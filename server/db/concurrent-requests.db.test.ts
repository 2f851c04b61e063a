import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDb } from "../testing/sqlite-test-db";
import { createPrismaClient, type Db } from "./create-prisma-client";

const postgres = await createPostgresTestDatabase();

describe("concurrent requests on SQLite", async () => {
  const database = await createSqliteTestDb();
  afterAll(() => database.cleanup());
  concurrentRequestSuite(database.db);
});

describe.skipIf(!postgres)("concurrent requests on PostgreSQL", () => {
  const db = createPrismaClient({ provider: "postgres", url: postgres?.url ?? "" });
  afterAll(async () => {
    await db.$disconnect();
    await postgres?.drop();
  });
  concurrentRequestSuite(db);
});

class RequestFailed extends Error {}

/**
 * Request A: writes `slug` inside an interactive transaction, then waits for `proceed` (an HTTP
 * call, a password hash…) and fails, so its transaction rolls back.
 */
function failingTransaction(db: Db, slug: string, proceed: Promise<unknown>) {
  const opened = deferred();
  const done = db.$transaction(async (tx) => {
    await tx.team.create({ data: { slug, name: slug } });
    opened.resolve();
    await proceed;
    throw new RequestFailed(`request writing ${slug} failed`);
  });
  return { opened: opened.promise, done };
}

/**
 * Prisma hands a query to its driver within microtasks: after one turn of the event loop the
 * query has run on the connection (inside A's transaction, when the connection is shared) or is
 * queued for it. No clock is involved.
 */
async function afterItReachesTheDriver(request: Promise<unknown>): Promise<void> {
  await Promise.race([request.catch(() => undefined), nextTurn()]);
}

function concurrentRequestSuite(db: Db) {
  beforeEach(async () => {
    await db.team.deleteMany();
  });

  const slugs = async () => (await db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((team) => team.slug);

  it("keeps a plain write made while another request's transaction is open, when that transaction rolls back", async () => {
    const proceed = deferred();
    const a = failingTransaction(db, "a-rolled-back", proceed.promise);
    await a.opened;
    const b = (async () => db.team.create({ data: { slug: "b-plain", name: "B" }, select: { slug: true } }))();
    await afterItReachesTheDriver(b);
    proceed.resolve();

    await expect(a.done).rejects.toBeInstanceOf(RequestFailed);
    await expect(b).resolves.toEqual({ slug: "b-plain" });
    expect(await slugs()).toEqual(["b-plain"]);
  });

  it("does not show a request what another request's open transaction wrote", async () => {
    const proceed = deferred();
    const a = failingTransaction(db, "a-uncommitted", proceed.promise);
    await a.opened;
    const b = (async () => db.team.findUnique({ where: { slug: "a-uncommitted" }, select: { slug: true } }))();
    await afterItReachesTheDriver(b);
    proceed.resolve();

    await expect(a.done).rejects.toBeInstanceOf(RequestFailed);
    await expect(b).resolves.toBeNull();
  });

  it("lands every committed write of many interleaved requests, and none of the rolled-back ones", async () => {
    const requests = Array.from({ length: 24 }, (_, i) => {
      if (i % 3 === 0)
        return (async () => {
          await nextTurn();
          return db.team.create({ data: { slug: `plain-${i}`, name: "plain" } });
        })();
      if (i % 3 === 1) return db.$transaction(async (tx) => tx.team.create({ data: { slug: `committed-${i}`, name: "committed" } }));
      return failingTransaction(db, `rolled-back-${i}`, nextTurn()).done;
    });
    const outcomes = await Promise.allSettled(requests);

    expect(outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason)).toEqual(
      Array.from({ length: 8 }, () => expect.any(RequestFailed)),
    );
    const landed = await slugs();
    expect(landed.filter((slug) => slug.startsWith("plain-"))).toHaveLength(8);
    expect(landed.filter((slug) => slug.startsWith("committed-"))).toHaveLength(8);
    expect(landed.filter((slug) => slug.startsWith("rolled-back-"))).toEqual([]);
  });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
