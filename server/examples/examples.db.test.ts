import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "@/engine/index";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "@/server/testing/sqlite-store-db";
import { exampleDefinitions } from "./index";

// Every built-in example runs to the end on the real engine, as shipped.
const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const engine = createEngine({ store });
afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

async function runExample(key: keyof typeof exampleDefinitions, input: unknown) {
  const { runId } = await engine.startRun({ definition: exampleDefinitions[key], input });
  return { runId, ...(await engine.waitForRun(runId)) };
}

describe("built-in examples run to completion", () => {
  it("user onboarding provisions by plan", async () => {
    for (const plan of ["free", "pro"]) {
      const { run } = await runExample("user-onboarding", { email: "ada@example.com", plan, seats: 3 });
      expect([plan, run.status, run.error]).toEqual([plan, "completed", null]);
      expect(run.output).not.toBeNull();
    }
  });

  it("checkout routes VIP, gold and standard customers", async () => {
    for (const tier of ["vip", "gold", "standard"]) {
      const { run } = await runExample("checkout", { customer: { id: "c1", tier }, total: 120 });
      expect([tier, run.status, run.error]).toEqual([tier, "completed", null]);
    }
  });

  it("ETL maps every record through a child run", async () => {
    const { run } = await runExample("etl", { records: [1, 2, 3, 4, 5] });
    expect([run.status, run.error]).toEqual(["completed", null]);
    expect(JSON.stringify(run.output)).toContain("30");
  });

  it("incident response waits for an approval, then completes", async () => {
    const waiting = await runExample("incident-response", { title: "DB down", service: "db", severity: "critical" });
    expect(waiting.run.status).toBe("running");
    const approval = waiting.steps.find((step) => step.status === "waiting")!;
    await engine.approveStep(waiting.runId, approval.stepId, { comment: "paging" }, { by: "owner" });
    const { run } = await engine.waitForRun(waiting.runId);
    expect([run.status, run.error]).toEqual(["completed", null]);
  });

  it("fan-out report joins its parallel branches", async () => {
    const { run } = await runExample("fan-out-report", { period: "2026-Q3" });
    expect([run.status, run.error]).toEqual(["completed", null]);
  });
});
