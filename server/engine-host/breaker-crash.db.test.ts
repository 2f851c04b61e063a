// An open circuit breaker survives a SIGKILL: `orka run` is killed while a step waits for the
// breaker its sibling opened; the breaker is still open in the database, and `orka resume` keeps
// the step waiting until the cool-down ends (no request before), then its trial closes the breaker
// and the step completes. Same scenario on SQLite and on PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { localServer } from "../../engine/steps/http/testing/local-servers";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-breaker-crash-"));
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();
afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

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
    const first = start(["run", writeDefinition(server.url), "--db", db]);
    const runId = await first.runId;
    const waiting = await poll(async () => (await store.loadRun(runId))?.steps.find((step) => step.stepId === "b" && step.status === "waiting"));
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const [open] = await store.listBreakers!();
    expect(open).toMatchObject({ key: new URL(server.url).host, state: "open" });
    expect(waiting.wakeAt).toEqual(open!.openUntil);
    expect(requests.map((request) => request.path)).toEqual(["/a"]);

    healthy = true;
    const second = await start(["resume", runId, "--db", db]).exited;
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
  const file = path.join(folder, `breaker-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const definition = {
    format: "orka/v1",
    name: "breaker_crash",
    steps: [get("a"), { id: "pause", type: "delay", config: { ms: 300 } }, get("b")],
    edges: [{ from: "pause", to: "b" }],
  };
  fs.writeFileSync(file, JSON.stringify(definition));
  return file;
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

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns `node bin/orka …` (the node process is the CLI, so killing it kills the CLI), with 127.0.0.1 reachable. */
function start(args: string[]): { child: ChildProcess; runId: Promise<string>; exited: Promise<Exit> } {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["bin/orka", ...args], { cwd: root, env: { ...env, ORKA_HTTP_ALLOW: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let foundRunId!: (runId: string) => void;
  const runId = new Promise<string>((resolve) => (foundRunId = resolve));
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    const match = /\[orka\] run (\S+) started/.exec(stderr);
    if (match) foundRunId(match[1]!);
  });
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, runId, exited };
}
