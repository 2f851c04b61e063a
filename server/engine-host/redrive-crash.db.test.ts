// A redrive interrupted by SIGKILL completes once. The process that redrives a failed run dies in
// the first step the redrive started; the operator asks again, in a new process: recovery finishes
// the redriven run, the second request changes nothing, and the event log holds one redrive. The
// step that finished before the failure never runs again. Same on SQLite and on PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createBothStores } from "../testing/both-stores";
import { createScratchFolder, runScript } from "../testing/killed-process";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const script = path.join(import.meta.dirname, "testing/redrive-process.ts");
const folder = createScratchFolder("orka-redrive-crash-");
const { sqlite, postgres } = await createBothStores();

describe("a redrive interrupted by SIGKILL", () => {
  it("completes once, on SQLite", { timeout: 90_000 }, async () => {
    await crashDuringRedrive(sqlite.url, "sqlite", () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("completes once, on PostgreSQL", { timeout: 90_000 }, async () => {
    await crashDuringRedrive(postgres!.url, "postgres", () => PgRunStore.open(postgres!.url));
  });
});

async function crashDuringRedrive(db: string, name: string, openStore: () => Promise<RunStore>): Promise<void> {
  const started = await runScript(script, db, ["start"]);
  expect(started.code, started.stderr).toBe(0);
  const { runId, status } = JSON.parse(started.stdout);
  expect(status).toBe("failed");
  const marker = path.join(folder, `${name}.marker`);

  const killed = await runScript(script, db, ["redrive", runId, marker]);
  expect(killed.signal, killed.stderr).toBe("SIGKILL");
  expect(fs.existsSync(marker)).toBe(true);

  const again = await runScript(script, db, ["redrive", runId, marker]);
  expect(again.code, again.stderr).toBe(0);
  const report = JSON.parse(again.stdout);
  expect(report.result).toEqual({ redriven: false, plan: null });
  expect(report.status).toBe("completed");
  expect(report.previousVersions).toHaveLength(1);
  expect(report.steps.crash).toMatchObject({ status: "completed", attempt: 1, output: "survived" });
  expect(report.steps.after.output).toBe(report.steps.fetch.output);

  const store = await openStore();
  try {
    const events = await store.listEvents(runId, 0);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type.startsWith("run.")).map((event) => event.type)).toEqual(["run.started", "run.failed", "run.redriven", "run.completed"]);
    expect(events.filter((event) => event.stepId === "fetch" && event.type === "step.started")).toHaveLength(1);
    expect(events.filter((event) => event.stepId === "crash").map((event) => event.type)).toEqual(["step.queued", "step.started", "step.requeued", "step.started", "step.completed"]);
  } finally {
    await store.close();
  }
}
