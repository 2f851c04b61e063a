// A cached step output survives a SIGKILL: `orka run` is killed after a cached step completed
// (while the next step's request hangs), and a second `orka run` of the same definition on the
// same database reuses that output without calling the server again. SQLite and PostgreSQL.
import { spawn } from "node:child_process";
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
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-cache-crash-"));
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();

afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("a cached output after SIGKILL", () => {
  it("on SQLite", { timeout: 90_000 }, async () => {
    await killThenRunAgain(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("on PostgreSQL", { timeout: 90_000 }, async () => {
    await killThenRunAgain(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function killThenRunAgain(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  const server = await startServer();
  try {
    const file = writeDefinition(server.url);
    const first = start(["run", file, "--db", db]);
    await server.slowReceived();
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const firstRunId = /\[orka\] run (\S+) started/.exec(first.stderr())![1]!;

    const second = start(["run", file, "--db", db]);
    const exit = await second.exited;
    expect(exit.code, exit.stderr).toBe(0);
    const report = JSON.parse(exit.stdout);
    expect(report).toMatchObject({ status: "completed", output: { fetched: "/fetch", slow: "/slow" } });
    expect(server.paths.filter((requested) => requested === "/fetch")).toHaveLength(1);

    const store = await openStore();
    try {
      const completed = (await store.listEvents(report.runId, 0)).find((event) => event.type === "step.completed" && event.stepId === "fetch")!;
      expect(completed.payload.cached).toMatchObject({ runId: firstRunId });
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
  }
}

function writeDefinition(baseUrl: string): string {
  const file = path.join(folder, `cache-crash-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const definition = {
    format: "orka/v1",
    name: `cache_crash_${Math.random().toString(36).slice(2)}`,
    steps: [
      { id: "fetch", type: "http", config: { method: "GET", url: `${baseUrl}/fetch` }, cache: { ttl: "1h" } },
      { id: "slow", type: "http", config: { method: "GET", url: `${baseUrl}/slow` }, timeoutMs: 30_000 },
    ],
    edges: [{ from: "fetch", to: "slow" }],
    output: '{ "fetched": $steps.fetch.output.body.path, "slow": $steps.slow.output.body.path }',
  };
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

/** Answers at once, except the first /slow request, which it holds open until closed. */
async function startServer() {
  const paths: (string | undefined)[] = [];
  const held: http.ServerResponse[] = [];
  let slowArrived!: () => void;
  const slowReceived = new Promise<void>((resolve) => (slowArrived = resolve));
  const server = http.createServer((request, response) => {
    paths.push(request.url);
    if (request.url === "/slow" && held.length === 0) {
      held.push(response);
      return slowArrived();
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    slowReceived: () => slowReceived,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `node bin/orka …`, with the test server's loopback address allowed for http steps. */
function start(args: string[]) {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["bin/orka", ...args], { cwd: root, env: { ...env, ORKA_HTTP_ALLOW: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited, stderr: () => stderr };
}
