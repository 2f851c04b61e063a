// Poison runs, proven from outside: a step that kills its process (SIGKILL) is resumed by the first
// restart, kills the process again, and the second restart quarantines it (failed, permanent)
// instead of resuming it: no crash loop. Same on SQLite and on PostgreSQL.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createBothStores } from "../testing/both-stores";
import { runScript } from "../testing/killed-process";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const script = path.join(import.meta.dirname, "testing/poison-process.ts");
const { sqlite, postgres } = await createBothStores();

const quarantined = "quarantined: the server stopped twice while this step was running; not resumed again — retry it when fixed";

describe("a step that kills its process", () => {
  it("is quarantined on the second restart, on SQLite", { timeout: 90_000 }, async () => {
    await crashTwiceThenQuarantine(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("is quarantined on the second restart, on PostgreSQL", { timeout: 90_000 }, async () => {
    await crashTwiceThenQuarantine(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function crashTwiceThenQuarantine(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  const first = await runScript(script, db, ["start"]);
  expect(first.signal, first.stderr).toBe("SIGKILL");
  const runId = /killing the process in run (\S+)/.exec(first.stderr)?.[1];
  expect(runId, first.stderr).toBeDefined();

  const second = await runScript(script, db, ["resume", runId!]);
  expect(second.signal, second.stderr).toBe("SIGKILL");

  const third = await runScript(script, db, ["resume", runId!]);
  expect(third.code, third.stderr).toBe(0);
  const report = JSON.parse(third.stdout);
  expect(report.status).toBe("failed");
  expect(report.steps.suicide).toMatchObject({ status: "failed", attempt: 1, interruptions: 2, error: { kind: "permanent", message: quarantined } });
  expect([report.steps.after.status, report.steps.other.status]).toEqual(["pending", "completed"]);

  const store = await openStore();
  try {
    const events = await store.listEvents(runId!, 0);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.stepId === "suicide").map((event) => event.type)).toEqual([
      "step.queued",
      "step.started",
      "step.requeued",
      "step.started",
      "step.failed",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "run.failed", payload: { failedSteps: ["suicide"] } });
  } finally {
    await store.close();
  }
}
