import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { hashSecret } from "@/server/triggers/secrets";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";

let kit: TriggersTestKit;
let editor: Session;
let viewer: Session;
let stranger: Session;
let workflowId: string;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  ({ editor, workflowId } = await kit.teamWithWorkflow("Triggers"));
  viewer = await kit.joinTeamOf(editor, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
});

afterAll(() => kit.cleanup());

describe("triggers: webhook", () => {
  it("shows the token once at creation and stores only its hash", async () => {
    const caller = kit.callerFor(editor);
    expect(await caller.triggers.getWebhook({ workflowId })).toEqual({ exists: false, createdAt: null, lastUsedAt: null });
    const issued = await caller.triggers.rotateWebhook({ workflowId });
    expect(issued.urlPath).toBe(`/api/hooks/${issued.token}`);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await kit.db.workflowWebhook.findUniqueOrThrow({ where: { workflowId }, select: { tokenHash: true } });
    expect(stored.tokenHash).toBe(hashSecret(issued.token));
    expect(JSON.stringify(await kit.callerFor(viewer).triggers.getWebhook({ workflowId }))).not.toContain(issued.token);
    expect(await caller.triggers.getWebhook({ workflowId })).toEqual({ exists: true, createdAt: issued.createdAt, lastUsedAt: null });
    const rotated = await caller.triggers.rotateWebhook({ workflowId });
    expect(rotated.token).not.toBe(issued.token);
    expect(await caller.triggers.deleteWebhook({ workflowId })).toEqual({ deleted: true });
    expect(await caller.triggers.deleteWebhook({ workflowId })).toEqual({ deleted: false });
  });

  it("lets viewers read but not change, and answers NOT_FOUND for another team's workflow", async () => {
    await expect(kit.callerFor(viewer).triggers.rotateWebhook({ workflowId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(stranger).triggers.getWebhook({ workflowId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).triggers.rotateWebhook({ workflowId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("triggers: schedules", () => {
  it("creates, lists, updates and deletes a schedule with its next slot", async () => {
    const caller = kit.callerFor(editor);
    const created = await caller.triggers.createSchedule({ workflowId, cron: "0 9 * * 1-5", timezone: "Europe/Paris", input: { n: 1 } });
    expect(created).toMatchObject({ cron: "0 9 * * 1-5", timezone: "Europe/Paris", input: { n: 1 }, enabled: true, lastRunAt: null });
    // 09:00 in Paris is 07:00 or 08:00 UTC, on a weekday, in the future.
    expect(created.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect([7, 8]).toContain(created.nextRunAt!.getUTCHours());
    expect(await kit.callerFor(viewer).triggers.listSchedules({ workflowId })).toEqual([created]);

    const disabled = await caller.triggers.updateSchedule({ scheduleId: created.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, nextRunAt: null, cron: "0 9 * * 1-5" });
    const moved = await caller.triggers.updateSchedule({ scheduleId: created.id, enabled: true, cron: "30 6 * * *", timezone: "UTC" });
    expect(moved.nextRunAt!.getUTCHours() * 60 + moved.nextRunAt!.getUTCMinutes()).toBe(6 * 60 + 30);
    const inputOnly = await caller.triggers.updateSchedule({ scheduleId: created.id, input: { n: 2 } });
    expect(inputOnly).toMatchObject({ input: { n: 2 }, nextRunAt: moved.nextRunAt });

    expect(await caller.triggers.deleteSchedule({ scheduleId: created.id })).toEqual({ id: created.id });
    expect(await caller.triggers.listSchedules({ workflowId })).toEqual([]);
  });

  it("refuses an invalid cron expression or time zone with BAD_REQUEST and a clear message", async () => {
    const caller = kit.callerFor(editor);
    await expect(caller.triggers.createSchedule({ workflowId, cron: "every monday", timezone: "UTC", input: { n: 1 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining('cron: "every monday" is not a valid cron expression (five fields: minute hour day-of-month month day-of-week)'),
    });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "61 * * * *", timezone: "UTC", input: { n: 1 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Invalid value for minute: 61"),
    });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "*/10 * * * * *", timezone: "UTC", input: { n: 1 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "0 9 * * *", timezone: "Mars/Olympus_Mons", input: { n: 1 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'invalid schedule: timezone: "Mars/Olympus_Mons" is not an IANA time zone (like Europe/Paris or UTC)',
      cause: { issues: [{ path: "timezone", message: expect.any(String) }] },
    });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "0 0 30 2 *", timezone: "UTC", input: { n: 1 } })).rejects.toMatchObject({ message: 'invalid schedule: cron: "0 0 30 2 *" never fires' });
    const { id } = await caller.triggers.createSchedule({ workflowId, cron: "@daily", timezone: "UTC", input: { n: 1 } });
    await expect(caller.triggers.updateSchedule({ scheduleId: id, timezone: "Nowhere" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await caller.triggers.deleteSchedule({ scheduleId: id });
    expect(await kit.db.schedule.count()).toBe(0);
  });

  it("refuses an input the published version's schema rejects", async () => {
    await expect(kit.callerFor(editor).triggers.createSchedule({ workflowId, cron: "@hourly", timezone: "UTC", input: { n: "x" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "input.n", message: "must be number" }] },
    });
  });

  it("keeps schedules to editors of the workflow's team", async () => {
    const { id } = await kit.callerFor(editor).triggers.createSchedule({ workflowId, cron: "@hourly", timezone: "UTC", input: { n: 1 } });
    await expect(kit.callerFor(viewer).triggers.createSchedule({ workflowId, cron: "@hourly", timezone: "UTC" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).triggers.deleteSchedule({ scheduleId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(stranger).triggers.listSchedules({ workflowId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).triggers.updateSchedule({ scheduleId: id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).triggers.deleteSchedule({ scheduleId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.db.schedule.findUniqueOrThrow({ where: { id }, select: { enabled: true } })).toEqual({ enabled: true });
  });
});

describe("triggers: API keys", () => {
  it("shows a key once, lists it by prefix, revokes it", async () => {
    const caller = kit.callerFor(editor);
    const created = await caller.triggers.createApiKey({ name: "  deploys  " });
    expect(created).toMatchObject({ name: "deploys", key: expect.stringMatching(/^orka_[A-Za-z0-9_-]{43}$/) });
    expect(created.prefix).toBe(created.key.slice(0, 13));
    const listed = await kit.callerFor(viewer).triggers.listApiKeys();
    expect(listed).toEqual([{ id: created.id, name: "deploys", prefix: created.prefix, createdAt: created.createdAt, lastUsedAt: null, revokedAt: null, createdBy: { id: editor.user.id, name: editor.user.name } }]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(await kit.db.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: { keyHash: true } })).toEqual({ keyHash: hashSecret(created.key) });

    await expect(kit.callerFor(viewer).triggers.createApiKey({ name: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).triggers.revokeApiKey({ apiKeyId: created.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(stranger).triggers.revokeApiKey({ apiKeyId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.callerFor(stranger).triggers.listApiKeys()).toEqual([]);

    const revoked = await caller.triggers.revokeApiKey({ apiKeyId: created.id });
    expect(await caller.triggers.revokeApiKey({ apiKeyId: created.id })).toEqual(revoked);
    expect((await caller.triggers.listApiKeys())[0]).toMatchObject({ id: created.id, revokedAt: revoked.revokedAt });
  });

  it("refuses an empty name", async () => {
    await expect(kit.callerFor(editor).triggers.createApiKey({ name: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
