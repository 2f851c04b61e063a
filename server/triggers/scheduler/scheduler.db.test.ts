import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createPrismaClient } from "@/server/db/create-prisma-client";
import { createTriggersTestKit, type TriggersTestKit } from "../triggers-test-kit";
import { createScheduler } from "./scheduler";

let kit: TriggersTestKit;
let editor: Session;
let workflowId: string;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  ({ editor, workflowId } = await kit.teamWithWorkflow("Cron"));
});

afterAll(() => kit.cleanup());

const minute = 60_000;

/** A schedule every five minutes (UTC) made through tRPC, and the slot it first waits for. */
async function everyFiveMinutes(input: unknown = { n: 2 }, workflow = workflowId) {
  const schedule = await kit.callerFor(editor).triggers.createSchedule({ workflowId: workflow, cron: "*/5 * * * *", timezone: "UTC", input });
  return { id: schedule.id, firstSlot: schedule.nextRunAt! };
}

const runsOf = (scheduleId: string) => kit.db.schedule.findUniqueOrThrow({ where: { id: scheduleId }, select: { nextRunAt: true, lastRunId: true, lastError: true } });

describe("scheduler", () => {
  it("fires a schedule that came due during downtime once, then continues at the next future slot", async () => {
    const { id, firstSlot } = await everyFiveMinutes();
    // The server was down for four slots (firstSlot, +5, +10, +15) and starts 2 minutes after the last.
    let clock = new Date(firstSlot.getTime() + 17 * minute);
    const before = await kit.runCount();
    const scheduler = createScheduler({ db: kit.testDb.db, engine: kit.engine, now: () => clock });
    await scheduler.start();
    expect(await kit.runCount()).toBe(before + 1);
    const afterStart = await runsOf(id);
    expect(afterStart.nextRunAt).toEqual(new Date(firstSlot.getTime() + 20 * minute));
    expect((await kit.engine.waitForRun(afterStart.lastRunId!)).run).toMatchObject({ status: "completed", output: 5, workflowId, teamId: editor.team.id });

    expect(await scheduler.fireDue()).toEqual([]);
    clock = new Date(firstSlot.getTime() + 20 * minute);
    expect(await scheduler.fireDue()).toEqual([{ fired: true, runId: expect.any(String), error: null }]);
    expect(await kit.runCount()).toBe(before + 2);
    expect((await runsOf(id)).nextRunAt).toEqual(new Date(firstSlot.getTime() + 25 * minute));
    await scheduler.stop();
    await kit.callerFor(editor).triggers.deleteSchedule({ scheduleId: id });
  });

  it("fires each slot once when two processes race for it", async () => {
    const { id, firstSlot } = await everyFiveMinutes();
    // A second process: its own Prisma connection to the same database file.
    const otherDb = createPrismaClient({ provider: "sqlite", filename: kit.testDb.filename, url: `file:${kit.testDb.filename}` });
    // The loser must see "already claimed", not a lock error that happens to start nothing.
    const failures: string[] = [];
    const logger = { info() {}, warn: (message: string) => failures.push(message), error: (message: string) => failures.push(message) };
    try {
      const before = await kit.runCount();
      const startedRunIds: string[] = [];
      for (let slot = 0; slot < 5; slot++) {
        const clock = new Date(firstSlot.getTime() + slot * 5 * minute);
        const here = createScheduler({ db: kit.testDb.db, engine: kit.engine, now: () => clock, logger });
        const there = createScheduler({ db: otherDb, engine: kit.engine, now: () => clock, logger });
        const [a, b] = await Promise.all([here.fireDue(), there.fireDue()]);
        expect([...a, ...b]).toEqual([{ fired: true, runId: expect.any(String), error: null }]);
        startedRunIds.push([...a, ...b][0]!.runId!);
      }
      expect(await kit.runCount()).toBe(before + 5);
      // One audit entry per started run, committed with it.
      const entries = await kit.db.auditEvent.findMany({ where: { action: "run.started", targetId: { in: startedRunIds } }, select: { targetId: true, actorName: true } });
      expect(entries.map((entry) => entry.targetId).sort()).toEqual([...startedRunIds].sort());
      expect(entries.every((entry) => entry.actorName === "schedule")).toBe(true);
      expect(failures).toEqual([]);
      expect((await runsOf(id)).nextRunAt).toEqual(new Date(firstSlot.getTime() + 25 * minute));
    } finally {
      await otherDb.$disconnect();
      await kit.callerFor(editor).triggers.deleteSchedule({ scheduleId: id });
    }
  });

  it("records why a slot started no run and stays armed; disabled schedules never fire", async () => {
    const { id: draftId } = await kit.callerFor(editor).workflows.create({ name: "not_yet_published" });
    const { id, firstSlot } = await everyFiveMinutes({}, draftId);
    const disabled = await kit.callerFor(editor).triggers.createSchedule({ workflowId, cron: "* * * * *", timezone: "UTC", input: { n: 1 }, enabled: false });
    expect(disabled.nextRunAt).toBeNull();
    const before = await kit.runCount();
    const scheduler = createScheduler({ db: kit.testDb.db, engine: kit.engine, now: () => new Date(firstSlot.getTime() + 60 * minute) });
    expect(await scheduler.fireDue()).toEqual([{ fired: true, runId: null, error: 'workflow "not_yet_published" has no published version — publish it first' }]);
    expect(await kit.runCount()).toBe(before);
    expect(await runsOf(id)).toMatchObject({ lastError: expect.stringContaining("publish it first"), nextRunAt: new Date(firstSlot.getTime() + 65 * minute) });
  });

  it("wakes when a schedule is created in this process", async () => {
    const scheduler = createScheduler({ db: kit.testDb.db, engine: kit.engine, maxSleepMs: 60_000 });
    await scheduler.start();
    try {
      const schedule = await kit.callerFor(editor).triggers.createSchedule({ workflowId, cron: "* * * * *", timezone: "UTC", input: { n: 1 } });
      // Make it due now, as if a minute had passed, and tell the scheduler the way the procedures do.
      await kit.db.schedule.update({ where: { id: schedule.id }, data: { nextRunAt: new Date(Date.now() - 1000) } });
      const before = await kit.runCount();
      await kit.callerFor(editor).triggers.updateSchedule({ scheduleId: schedule.id, input: { n: 3 } });
      await expect.poll(() => kit.runCount(), { timeout: 5_000 }).toBe(before + 1);
    } finally {
      await scheduler.stop();
    }
  });
});
