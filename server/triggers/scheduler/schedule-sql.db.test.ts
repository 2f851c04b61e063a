import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/server/db/create-prisma-client";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import { claimSlot, recordFiring } from "./schedule-sql";
import type { Db } from "@/server/db/create-prisma-client";

const postgres = await createPostgresTestDatabase();

/** The claim is hand-written SQL: run it on both providers, two connections racing for one slot. */
function claimContract(open: () => Promise<{ first: Db; second: Db; close(): Promise<void> }>) {
  let first: Db;
  let second: Db;
  let close: () => Promise<void>;
  let scheduleId: string;
  const slot = new Date("2026-05-01T10:05:00.000Z");

  beforeAll(async () => {
    ({ first, second, close } = await open());
    const team = await first.team.create({ data: { name: "Claims", slug: `claims-${crypto.randomUUID()}` }, select: { id: true } });
    const workflow = await first.workflow.create({ data: { teamId: team.id, name: "w", draft: "{}" }, select: { id: true } });
    ({ id: scheduleId } = await first.schedule.create({ data: { workflowId: workflow.id, cron: "*/5 * * * *", timezone: "UTC", nextRunAt: slot }, select: { id: true } }));
  });
  afterAll(() => close());

  it("lets exactly one of two connections claim a slot, and records the firing", async () => {
    const next = new Date("2026-05-01T10:10:00.000Z");
    const now = new Date("2026-05-01T10:05:30.000Z");
    const claims = await Promise.all([claimSlot(first, scheduleId, slot, next, now), claimSlot(second, scheduleId, slot, next, now)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimSlot(first, scheduleId, slot, next, now)).toBe(false);
    await recordFiring(second, scheduleId, { runId: "run-1", error: null }, now);
    await recordFiring(second, scheduleId, { runId: null, error: "not published" }, now);
    expect(await first.schedule.findUniqueOrThrow({ where: { id: scheduleId }, select: { nextRunAt: true, lastRunAt: true, lastRunId: true, lastError: true } })).toEqual({
      nextRunAt: next,
      lastRunAt: now,
      lastRunId: "run-1",
      lastError: "not published",
    });
  });

  it("claims nothing on a disabled schedule", async () => {
    const at = await first.schedule.findUniqueOrThrow({ where: { id: scheduleId }, select: { nextRunAt: true } });
    await first.schedule.update({ where: { id: scheduleId }, data: { enabled: false } });
    expect(await claimSlot(first, scheduleId, at.nextRunAt!, null, new Date())).toBe(false);
  });
}

describe("schedule claims on SQLite", () => {
  claimContract(async () => {
    const testDb = await createSqliteTestDb();
    const other = createPrismaClient({ provider: "sqlite", filename: testDb.filename, url: `file:${testDb.filename}` });
    return {
      first: testDb.db,
      second: other,
      async close() {
        await other.$disconnect();
        await testDb.cleanup();
      },
    };
  });
});

describe.skipIf(!postgres)("schedule claims on PostgreSQL", () => {
  claimContract(async () => {
    const first = createPrismaClient({ provider: "postgres", url: postgres!.url });
    const second = createPrismaClient({ provider: "postgres", url: postgres!.url });
    return {
      first: first,
      second: second,
      async close() {
        await Promise.all([first.$disconnect(), second.$disconnect()]);
        await postgres!.drop();
      },
    };
  });
});
