// Poison runs, proven from outside: a step that kills its process (SIGKILL) is resumed by the first
// restart, kills the process again, and the second restart quarantines it (failed, permanent)
// instead of resuming it: no crash loop. Same on SQLite and on PostgreSQL.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const root = path.resolve(import.meta.dirname, "../..");
const script = path.join(import.meta.dirname, "testing/poison-process.ts");
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();
afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
});

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
  const first = await run(["start"], db);
  expect(first.signal, first.stderr).toBe("SIGKILL");
  const runId = /killing the process in run (\S+)/.exec(first.stderr)?.[1];
  expect(runId, first.stderr).toBeDefined();

  const second = await run(["resume", runId!], db);
  expect(second.signal, second.stderr).toBe("SIGKILL");

  const third = await run(["resume", runId!], db);
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

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], db: string): Promise<Exit> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", script, db, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
