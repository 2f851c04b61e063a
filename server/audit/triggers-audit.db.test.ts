import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import type { HttpDeps } from "@/server/http/deps";
import { createScheduler } from "@/server/triggers/scheduler/scheduler";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";
import { watchAudit, type AuditWatcher } from "./audit-test-kit";

// The route modules as Next loads them, with the test database and engine in place of the app's.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const webhookRoute = await import("@/app/api/hooks/[token]/route");
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");

let kit: TriggersTestKit;
let editor: Session;
let viewer: Session;
let stranger: Session;
let workflowId: string;
let audit: AuditWatcher;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = kit.deps;
  ({ editor, workflowId } = await kit.teamWithWorkflow("Triggered"));
  viewer = await kit.joinTeamOf(editor, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
  audit = await watchAudit(kit.db, editor.team.id);
});

afterAll(() => kit.cleanup());

beforeEach(async () => {
  await audit.fresh();
});

const byEditor = () => ({ actorId: editor.user.id, actorName: editor.user.name });

describe("trigger settings are recorded once, by the person", () => {
  it("API keys: created, revoked (a second revocation changes nothing and records nothing)", async () => {
    const caller = kit.callerFor(editor);
    const created = await caller.triggers.createApiKey({ name: "deploys" });
    const key = { ...byEditor(), targetType: "api_key", targetId: created.id, targetLabel: "deploys", detail: { prefix: created.prefix } };
    expect(await audit.fresh()).toEqual([{ ...key, action: "api_key.created" }]);
    expect(JSON.stringify(await kit.db.auditEvent.findMany())).not.toContain(created.key);
    await caller.triggers.revokeApiKey({ apiKeyId: created.id });
    await caller.triggers.revokeApiKey({ apiKeyId: created.id });
    expect(await audit.fresh()).toEqual([{ ...key, action: "api_key.revoked" }]);
  });

  it("webhook: created, rotated, deleted (deleting none records nothing); the token is never recorded", async () => {
    const caller = kit.callerFor(editor);
    const hook = { ...byEditor(), action: "webhook.rotated", targetType: "webhook", targetId: workflowId, targetLabel: "doubling" };
    const { token } = await caller.triggers.rotateWebhook({ workflowId });
    await caller.triggers.rotateWebhook({ workflowId });
    expect(await audit.fresh()).toEqual([
      { ...hook, detail: { workflowId, replaced: false } },
      { ...hook, detail: { workflowId, replaced: true } },
    ]);
    expect(JSON.stringify(await kit.db.auditEvent.findMany())).not.toContain(token);
    await caller.triggers.deleteWebhook({ workflowId });
    await caller.triggers.deleteWebhook({ workflowId });
    expect(await audit.fresh()).toEqual([{ ...hook, action: "webhook.deleted", detail: { workflowId } }]);
  });

  it("schedules: created, updated (with what changed), deleted", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.triggers.createSchedule({ workflowId, cron: "0 9 * * *", timezone: "UTC", input: { n: 1 } });
    const schedule = { ...byEditor(), targetType: "schedule", targetId: id, targetLabel: "doubling" };
    expect(await audit.fresh()).toEqual([{ ...schedule, action: "schedule.created", detail: { workflowId, cron: "0 9 * * *", timezone: "UTC", enabled: true } }]);
    await caller.triggers.updateSchedule({ scheduleId: id, cron: "0 10 * * *", enabled: false, input: { n: 2 } });
    expect(await audit.fresh()).toEqual([
      { ...schedule, action: "schedule.updated", detail: { workflowId, cron: "0 10 * * *", timezone: "UTC", enabled: false, changed: ["cron", "enabled", "input"] } },
    ]);
    await caller.triggers.deleteSchedule({ scheduleId: id });
    expect(await audit.fresh()).toEqual([{ ...schedule, action: "schedule.deleted", detail: { workflowId, cron: "0 10 * * *", timezone: "UTC" } }]);
  });

  it("refused changes record nothing: a viewer, another team, an invalid schedule, an unknown id", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.triggers.createSchedule({ workflowId, cron: "@daily", timezone: "UTC", input: { n: 1 } });
    const { id: keyId } = await caller.triggers.createApiKey({ name: "kept" });
    await audit.fresh();
    await expect(kit.callerFor(viewer).triggers.createApiKey({ name: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).triggers.rotateWebhook({ workflowId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).triggers.deleteSchedule({ scheduleId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(stranger).triggers.revokeApiKey({ apiKeyId: keyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).triggers.updateSchedule({ scheduleId: id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "every monday", timezone: "UTC" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.triggers.createSchedule({ workflowId, cron: "@hourly", timezone: "UTC", input: { n: "x" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.triggers.updateSchedule({ scheduleId: id, timezone: "Nowhere" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.triggers.deleteSchedule({ scheduleId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.triggers.createApiKey({ name: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await audit.fresh()).toEqual([]);
    expect(await kit.db.auditEvent.count({ where: { teamId: stranger.team.id } })).toBe(0);
    await caller.triggers.deleteSchedule({ scheduleId: id });
  });
});

const machineStart = (actorName: string, runId: string) => ({
  actorId: null,
  actorName,
  action: "run.started",
  targetType: "run",
  targetId: runId,
  targetLabel: "doubling",
  detail: { workflow: "doubling", workflowId, version: 1 },
});

describe("runs started without a person name the machine", () => {
  it("a webhook call: actor \"webhook\"; a refused call records nothing", async () => {
    const { token } = await kit.callerFor(editor).triggers.rotateWebhook({ workflowId });
    await audit.fresh();
    const post = (body: string) =>
      webhookRoute.POST(new Request(`http://orka.test/api/hooks/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body }), {
        params: Promise.resolve({ token }),
      });
    const response = await post(JSON.stringify({ n: 4 }));
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect(await audit.fresh()).toEqual([machineStart("webhook", runId)]);
    expect((await post(JSON.stringify({ n: "four" }))).status).toBe(400);
    expect(await audit.fresh()).toEqual([]);
    await kit.engine.waitForRun(runId);
  });

  it("the REST API: actor \"API key <name>\"; an unauthorised call records nothing", async () => {
    const { key } = await kit.callerFor(editor).triggers.createApiKey({ name: "CI" });
    await audit.fresh();
    const start = (authorization: string) =>
      startRoute.POST(
        new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization },
          body: JSON.stringify({ input: { n: 1 } }),
        }),
        { params: Promise.resolve({ workflowId }) },
      );
    const response = await start(`Bearer ${key}`);
    expect(response.status).toBe(201);
    const { runId } = (await response.json()) as { runId: string };
    expect(await audit.fresh()).toEqual([machineStart("API key CI", runId)]);
    expect((await start("Bearer orka_unknown")).status).toBe(401);
    expect(await audit.fresh()).toEqual([]);
    await kit.engine.waitForRun(runId);
  });

  it("a cron schedule: actor \"schedule\"", async () => {
    const schedule = await kit.callerFor(editor).triggers.createSchedule({ workflowId, cron: "*/5 * * * *", timezone: "UTC", input: { n: 2 } });
    await audit.fresh();
    const scheduler = createScheduler({ db: kit.db, engine: kit.engine, now: () => schedule.nextRunAt! });
    const [fired] = await scheduler.fireDue();
    expect(fired).toMatchObject({ fired: true, runId: expect.any(String), error: null });
    expect(await audit.fresh()).toEqual([machineStart("schedule", fired!.runId!)]);
    await kit.engine.waitForRun(fired!.runId!);
    await kit.callerFor(editor).triggers.deleteSchedule({ scheduleId: schedule.id });
  });
});
