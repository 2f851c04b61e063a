// Code steps per second through the engine on SQLite, by sandbox size (`npx tsx bench/code-steps.bench.ts`).
// Each run is one `code` step; runs belong to one team or to none (each run its own tenant), which
// decides how many workers they may share. Prints a table; asserts nothing (machines are noisy).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine } from "../engine/index";
import { openSqlite } from "../server/db/sqlite";
import { SqliteRunStore } from "../server/engine-host/stores/sqlite-run-store";

const definition = (source: string) => ({ format: "orka/v1", name: "code", steps: [{ id: "c", type: "code", config: { source } }], edges: [] });
const bodies = {
  trivial: "return input.n + 1",
  "100k-step loop": "let x = 0; for (let i = 0; i < 100000; i++) x += i % 7; return x",
};

async function measure(source: string, workers: number, teamId: string | null, inFlight: number, durationMs: number) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-bench-"));
  const filename = path.join(folder, "bench.db");
  const store = SqliteRunStore.open(filename);
  if (teamId) {
    const db = openSqlite(filename);
    db.prepare("INSERT INTO teams (id, name, slug) VALUES (?, ?, ?)").run(teamId, teamId, teamId);
    db.close();
  }
  const engine = createEngine({ store, codeWorkers: workers });
  let completed = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const { runId } = await engine.startRun({ definition: definition(source), input: { n: completed }, teamId });
        const { run } = await engine.waitForRun(runId);
        if (run.status !== "completed") throw new Error(`run ${runId} ended ${run.status}`);
        completed++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await engine.stop();
  await store.close();
  fs.rmSync(folder, { recursive: true, force: true });
  return (completed / elapsedMs) * 1000;
}

const durationMs = Number(process.env.BENCH_MS ?? 3000);
const many = Math.max(2, os.availableParallelism());
console.log(`Orka code steps on SQLite, one code step per run, ${durationMs} ms per cell, ${os.cpus().length} cores\n`);
await measure(bodies.trivial, 1, null, 8, 1000); // warm-up
console.log("code             workers   runs of      in flight   code steps/s");
for (const [name, source] of Object.entries(bodies)) {
  for (const workers of [1, many]) {
    for (const teamId of [null, "team_bench"]) {
      const inFlight = 16;
      const perSecond = await measure(source, workers, teamId, inFlight, durationMs);
      console.log(`${name.padEnd(17)}${String(workers).padStart(7)}   ${(teamId ? "one team" : "no team").padEnd(9)}${String(inFlight).padStart(12)}${perSecond.toFixed(0).padStart(15)}`);
    }
  }
}
