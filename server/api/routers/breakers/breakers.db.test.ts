import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, type RunsTestKit } from "../runs/runs-test-kit";

// Through the router, on the real database and engine: a step trips its team's breaker, every
// member sees it open, an editor's reset closes it (recorded in the audit log) and runs the step
// it held; another team neither sees nor resets it.
let kit: RunsTestKit;
let owner: Session;
let viewer: Session;
let stranger: Session;

beforeAll(async () => {
  kit = await createRunsTestKit();
  owner = await kit.memberOf("owner", "Breaker team");
  viewer = await kit.joinTeamOf(owner, "viewer");
  stranger = await kit.memberOf("owner", "Other team");
});
afterAll(() => kit.cleanup());

const tripping = (source: string) => ({
  format: "orka/v1",
  name: "tripping",
  steps: [{ id: "charge", type: "code", config: { source }, breaker: { key: "payments", failures: 1, coolDownMs: 3_600_000 } }],
  edges: [],
});

describe("breakers.list and breakers.reset", () => {
  it("lists an open breaker to every member, and an editor's reset runs the step it held", async () => {
    const failing = await kit.publishedWorkflow(owner, "tripping", tripping("throw new Error('payments down')"));
    await kit.engine.waitForRun((await kit.callerFor(owner).runs.start({ workflowId: failing })).runId);

    const seen = await kit.callerFor(viewer).breakers.list();
    expect(seen).toEqual({
      breakers: [{ key: "payments", state: "open", failures: 0, openUntil: expect.any(Date), lastError: "payments down", updatedAt: expect.any(Date) }],
      canReset: false,
    });
    expect(await kit.callerFor(stranger).breakers.list()).toEqual({ breakers: [], canReset: true });
    await expect(kit.callerFor(stranger).breakers.reset({ key: "payments" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(viewer).breakers.reset({ key: "payments" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(owner).breakers.reset({ key: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const working = await kit.publishedWorkflow(owner, "working", tripping("return 'charged'"));
    const { runId } = await kit.callerFor(owner).runs.start({ workflowId: working });
    for (const deadline = Date.now() + 5_000; (await kit.engine.getRun(runId))?.steps[0]?.status !== "waiting"; ) {
      if (Date.now() > deadline) throw new Error("the step never waited for the breaker");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await kit.callerFor(owner).breakers.reset({ key: "payments" })).toMatchObject({ key: "payments", state: "closed", openUntil: null });
    expect((await kit.engine.waitForRun(runId)).run).toMatchObject({ status: "completed", output: { charge: "charged" } });
    const audit = await kit.testDb.db.auditEvent.findMany({ where: { action: "breaker.reset" }, select: { actorName: true, targetType: true, targetLabel: true, detail: true } });
    expect(audit).toEqual([{ actorName: owner.user.name, targetType: "breaker", targetLabel: "payments", detail: JSON.stringify({ from: "open" }) }]);
  });
});
