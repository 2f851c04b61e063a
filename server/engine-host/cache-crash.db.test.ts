// A cached step output survives a SIGKILL: `orka run` is killed after a cached step completed
// (while the next step's request hangs), and a second `orka run` of the same definition on the
// same database reuses that output without calling the server again. SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createBothStores } from "../testing/both-stores";
import { createScratchFolder, startHoldingServer, startOrka, writeDefinitionFile } from "../testing/killed-process";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const folder = createScratchFolder("orka-cache-crash-");
const { sqlite, postgres } = await createBothStores();

describe("a cached output after SIGKILL", () => {
  it("on SQLite", { timeout: 90_000 }, async () => {
    await killThenRunAgain(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("on PostgreSQL", { timeout: 90_000 }, async () => {
    await killThenRunAgain(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function killThenRunAgain(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  const server = await startHoldingServer();
  try {
    const file = writeDefinition(server.url);
    const first = startOrka(["run", file, "--db", db]);
    await server.heldReceived();
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const firstRunId = await first.runId;

    const second = startOrka(["run", file, "--db", db]);
    const exit = await second.exited;
    expect(exit.code, exit.stderr).toBe(0);
    const report = JSON.parse(exit.stdout);
    expect(report).toMatchObject({ status: "completed", output: { fetched: "/fetch", slow: "/slow" } });
    expect(server.requests.filter((request) => request.path === "/fetch")).toHaveLength(1);

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
  return writeDefinitionFile(folder, "cache-crash", {
    format: "orka/v1",
    name: `cache_crash_${Math.random().toString(36).slice(2)}`,
    steps: [
      { id: "fetch", type: "http", config: { method: "GET", url: `${baseUrl}/fetch` }, cache: { ttl: "1h" } },
      { id: "slow", type: "http", config: { method: "GET", url: `${baseUrl}/slow` }, timeoutMs: 30_000 },
    ],
    edges: [{ from: "fetch", to: "slow" }],
    output: '{ "fetched": $steps.fetch.output.body.path, "slow": $steps.slow.output.body.path }',
  });
}
