import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/server/db/create-prisma-client";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import { AttemptCounter } from "./attempt-counter";

const sqlite = await createSqliteTestDb();
const postgres = await createPostgresTestDatabase();
const postgresDb = postgres ? createPrismaClient({ provider: "postgres", url: postgres.url }) : null;

afterAll(async () => {
  await sqlite.cleanup();
  await postgresDb?.$disconnect();
  await postgres?.drop();
});

const databases: [string, Db | null][] = [
  ["SQLite", sqlite.db],
  ["PostgreSQL", postgresDb],
];

describe.each(databases)("attempt counter on %s", (_name, db) => {
  const rule = { window: 60, max: 5 };

  it.skipIf(!db)("lets exactly `max` of 20 parallel attempts through, and counts every one", async () => {
    const counter = new AttemptCounter(db!, 900);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => counter.consume("parallel", rule)));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(rule.max);
    expect(verdicts.filter((verdict) => !verdict.allowed).every((verdict) => verdict.retryAfter! >= 1 && verdict.retryAfter! <= rule.window)).toBe(true);
    expect((await db!.rateLimit.findUniqueOrThrow({ where: { key: "parallel" } })).count).toBe(20);
  });

  it.skipIf(!db)("starts a new window once the old one is over, and forgets a cleared key", async () => {
    const counter = new AttemptCounter(db!, 900);
    const start = 1_700_000_000_000;
    for (let attempt = 0; attempt < rule.max; attempt++) expect((await counter.consume("window", rule, start + attempt)).allowed).toBe(true);
    expect(await counter.consume("window", rule, start + 59_999)).toEqual({ allowed: false, retryAfter: 1 });
    expect((await counter.consume("window", rule, start + 60_000)).allowed).toBe(true);
    for (let attempt = 0; attempt < rule.max; attempt++) await counter.consume("window", rule, start + 60_001);
    expect((await counter.consume("window", rule, start + 60_002)).allowed).toBe(false);
    await counter.clear("window");
    expect((await counter.consume("window", rule, start + 60_003)).allowed).toBe(true);
  });

  it.skipIf(!db)("keeps counters apart by key", async () => {
    const counter = new AttemptCounter(db!, 900);
    for (let attempt = 0; attempt <= rule.max; attempt++) await counter.consume("one", rule);
    expect((await counter.consume("one", rule)).allowed).toBe(false);
    expect((await counter.consume("other", rule)).allowed).toBe(true);
  });
});
