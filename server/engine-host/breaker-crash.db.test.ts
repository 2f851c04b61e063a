// An open circuit breaker survives a SIGKILL: `orka run` is killed while a step waits for the
// breaker its sibling opened; the breaker is still open in the database, and `orka resume` keeps
// the step waiting until the cool-down ends (no request before), then its trial closes the breaker
// and the step completes. Same scenario on SQLite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { localServer } from "../../engine/steps/http/testing/local-servers";
import { createBothStores } from "../testing/both-stores";
import { createScratchFolder, startOrka, writeDefinitionFile } from "../testing/killed-process";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const folder = createScratchFolder("orka-breaker-crash-");
const { sqlite, postgres } = await createBothStores();

const coolDownMs = 6_000;

describe("an open circuit breaker after SIGKILL", () => {
  it("stays open on SQLite", { timeout: 90_000 }, async () => {
    await killWhileOpen(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("stays open on PostgreSQL", { timeout: 90_000 }, async () => {
    await killWhileOpen(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function killWhileOpen(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  let healthy = false;
  const requests: { path: string; at: number }[] = [];
  const server = await localServer("127.0.0.1", (request, response) => {
    requests.push({ path: request.path, at: Date.now() });
    if (healthy) response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: request.path }));
    else response.writeHead(503).end("down");
  });
  const store = await openStore();
  try {
    // `a` fails and opens the breaker; `b`, after a short delay, waits for it.
    const first = startOrka(["run", writeDefinition(server.url), "--db", db]);
    const runId = await first.runId;
    const waiting = await poll(async () => (await store.loadRun(runId))?.steps.find((step) => step.stepId === "b" && step.status === "waiting"));
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const [open] = await store.listBreakers!();
    expect(open).toMatchObject({ key: new URL(server.url).host, state: "open" });
    expect(waiting.wakeAt).toEqual(open!.openUntil);
    expect(requests.map((request) => request.path)).toEqual(["/a"]);

    healthy = true;
    const second = await startOrka(["resume", runId, "--db", db]).exited;
    expect(second.code, second.stderr).toBe(1); // the run failed: `a` failed for good
    const report = JSON.parse(second.stdout);
    expect(report.status).toBe("failed");
    expect(report.steps.b).toMatchObject({ status: "completed" });
    expect(requests.map((request) => request.path)).toEqual(["/a", "/b"]);
    expect(requests[1]!.at).toBeGreaterThanOrEqual(open!.openUntil!.getTime());
    expect((await store.listBreakers!())[0]).toMatchObject({ state: "closed", failures: 0 });
    const ofB = (await store.listEvents(runId, 0)).filter((event) => event.stepId === "b").map((event) => event.type);
    expect(ofB).toEqual(["step.queued", "step.started", "step.waiting", "step.queued", "step.started", "step.completed"]);
  } finally {
    await store.close();
    await server.close();
  }
}

function writeDefinition(baseUrl: string): string {
  const breaker = { failures: 1, coolDownMs };
  const get = (id: string) => ({ id, type: "http", config: { url: `${baseUrl}/${id}` }, breaker });
  return writeDefinitionFile(folder, "breaker", {
    format: "orka/v1",
    name: "breaker_crash",
    steps: [get("a"), { id: "pause", type: "delay", config: { ms: 300 } }, get("b")],
    edges: [{ from: "pause", to: "b" }],
  });
}

async function poll<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
