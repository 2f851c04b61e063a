// Crash recovery, proven from outside: `orka run` is killed with SIGKILL while a
// step's HTTP request is in flight, and `orka resume` on the same database finishes the run. Steps
// finished before the kill are not run again; the interrupted one runs again with the same
// idempotency key, and the event log says so. Same scenario on SQLite and on PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-crash-test-"));
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();

afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("crash recovery after SIGKILL", () => {
  it("on SQLite", { timeout: 90_000 }, async () => {
    await crashAndResume(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("on PostgreSQL", { timeout: 90_000 }, async () => {
    await crashAndResume(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function crashAndResume(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  const server = await startServer();
  try {
    const file = writeDefinition(server.url);

    // Process 1 runs a and b, then hangs in `slow` (the server never answers its first request).
    const first = start(["run", file, "--db", db]);
    const runId = await first.runId;
    await server.slowReceived();
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect(() => process.kill(first.child.pid!, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
    expect(killed.stdout).toBe("");

    // Process 2 recovers the run from the database and finishes it.
    const second = await start(["resume", runId, "--db", db]).exited;
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({ runId, status: "completed", output: { a: "/a", slow: "/slow", d: "/d" } });
    expect(report.steps.slow).toMatchObject({ status: "completed", attempts: 1, error: null });
    for (const stepId of ["a", "b", "d"]) expect(report.steps[stepId]).toMatchObject({ status: "completed", attempts: 1 });

    expect(server.requests).toEqual([
      { path: "/a", key: `${runId}:a:1` },
      { path: "/b", key: `${runId}:b:1` },
      { path: "/slow", key: `${runId}:slow:1` },
      { path: "/slow", key: `${runId}:slow:1` },
      { path: "/d", key: `${runId}:d:1` },
    ]);

    const store = await openStore();
    try {
      const events = await store.listEvents(runId, 0);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      const ofSlow = events.filter((event) => event.stepId === "slow");
      expect(ofSlow.map((event) => event.type)).toEqual(["step.queued", "step.started", "step.requeued", "step.started", "step.completed"]);
      expect(ofSlow[1]!.payload).toMatchObject({ attempt: 1, idempotencyKey: `${runId}:slow:1` });
      expect(ofSlow[2]!.payload).toMatchObject({ attempt: 1 });
      expect(ofSlow[3]!.payload).toMatchObject({ attempt: 1, idempotencyKey: `${runId}:slow:1` });
      for (const stepId of ["a", "b"]) {
        const started = events.filter((event) => event.stepId === stepId && event.type === "step.started");
        expect(started, stepId).toHaveLength(1);
      }
      expect(events.at(-1)?.type).toBe("run.completed");
      expect((await store.loadRun(runId))?.run.status).toBe("completed");
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
  }
}

function writeDefinition(baseUrl: string): string {
  const get = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "http", config: { method: "GET", url: `${baseUrl}/${id}` }, ...extra });
  const file = path.join(folder, `crash-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const definition = {
    format: "orka/v1",
    name: "crash_recovery",
    steps: [get("a"), get("b"), get("slow", { timeoutMs: 30_000 }), get("d")],
    edges: [
      { from: "a", to: "b" },
      { from: "b", to: "slow" },
      { from: "slow", to: "d" },
    ],
    output: '{ "a": $steps.a.output.body.path, "slow": $steps.slow.output.body.path, "d": $steps.d.output.body.path }',
  };
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

interface Recorded {
  path: string | undefined;
  key: string | string[] | undefined;
}

/** Answers at once, except the first /slow request, which it holds open forever. */
async function startServer() {
  const requests: Recorded[] = [];
  const held: http.ServerResponse[] = [];
  let slowArrived!: () => void;
  const slowReceived = new Promise<void>((resolve) => (slowArrived = resolve));
  const server = http.createServer((request, response) => {
    requests.push({ path: request.url, key: request.headers["idempotency-key"] });
    if (request.url === "/slow" && held.length === 0) {
      held.push(response);
      slowArrived();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    slowReceived: () => withTimeout(slowReceived, 30_000, "the server never received /slow"),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `node bin/orka …`: the node process is the CLI itself, so killing it kills the CLI. The
 * test server listens on 127.0.0.1, which http steps may reach only when ORKA_HTTP_ALLOW opens it.
 */
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
  const failedEarly = exited.then((exit) => {
    throw new Error(`orka ${args[0]} exited (${exit.code ?? exit.signal}) before starting a run:\n${exit.stderr}`);
  });
  const runIdOrExit = Promise.race([runId, failedEarly]);
  runIdOrExit.catch(() => {}); // `resume` never starts a run: its early "failure" is expected, not unhandled
  return { child, runId: runIdOrExit, exited };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
