// Engine throughput and per-step overhead on the embedded SQLite store (`npm run bench:engine`).
// Prints a table; asserts nothing (machines are shared and noisy).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine } from "../engine/index";
import { SqliteRunStore } from "../server/engine-host/stores/sqlite-run-store";

type Shape = { name: string; definition: unknown; stepsRun: number };

const noop = (id: string) => ({ id, type: "noop" });
const chainOf = (count: number): Shape => {
  const steps = Array.from({ length: count }, (_, index) => noop(`s${index}`));
  const edges = steps.slice(1).map((step, index) => ({ from: `s${index}`, to: step.id }));
  return { name: `${count}-step chain`, definition: { format: "orka/v1", name: `chain${count}`, steps, edges }, stepsRun: count };
};
const fanOut: Shape = {
  name: "fan-out 10 + join",
  definition: {
    format: "orka/v1",
    name: "fan",
    steps: [noop("start"), ...Array.from({ length: 10 }, (_, index) => noop(`b${index}`)), noop("join")],
    edges: [...Array.from({ length: 10 }, (_, index) => ({ from: "start", to: `b${index}` })), ...Array.from({ length: 10 }, (_, index) => ({ from: `b${index}`, to: "join" }))],
  },
  stepsRun: 12,
};
const conditionPaths: Shape = {
  name: "condition, 2×3-step paths",
  definition: {
    format: "orka/v1",
    name: "cond",
    steps: [{ id: "check", type: "condition", config: { expression: "$input.n % 2 = 0" } }, ...["a1", "a2", "a3", "b1", "b2", "b3"].map(noop)],
    edges: [
      { from: "check", to: "a1", branch: "true" },
      { from: "a1", to: "a2" },
      { from: "a2", to: "a3" },
      { from: "check", to: "b1", branch: "false" },
      { from: "b1", to: "b2" },
      { from: "b2", to: "b3" },
    ],
  },
  stepsRun: 4,
};

async function measure(shape: Shape, inFlight: number, durationMs: number) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-bench-"));
  const store = SqliteRunStore.open(path.join(folder, "bench.db"));
  const engine = createEngine({ store });
  let completed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const { runId } = await engine.startRun({ definition: shape.definition, input: { n: completed } });
        const { run } = await engine.waitForRun(runId);
        if (run.status !== "completed") throw new Error(`run ${runId} ended ${run.status}`);
        completed++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await engine.stop();
  await store.close();
  fs.rmSync(folder, { recursive: true, force: true });
  const steps = completed * shape.stepsRun;
  return { runsPerSecond: (completed / elapsedMs) * 1000, msPerStep: elapsedMs / steps, cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps, completed };
}

const shapes = [chainOf(10), chainOf(100), fanOut, conditionPaths];
const durationMs = Number(process.env.BENCH_MS ?? 3000);
console.log(`Orka engine on SQLite (WAL, synchronous=NORMAL, group commit), noop steps, ${durationMs} ms per cell, ${os.cpus().length} cores\n`);
await measure(chainOf(10), 8, 1000); // warm-up: let the JIT compile the hot path before measuring
console.log("shape                       in flight     runs/s   wall ms/step   CPU ms/step     runs");
for (const shape of shapes) {
  for (const inFlight of [1, 8, 64]) {
    const result = await measure(shape, inFlight, durationMs);
    console.log(
      `${shape.name.padEnd(28)}${String(inFlight).padStart(9)}${result.runsPerSecond.toFixed(0).padStart(11)}${result.msPerStep.toFixed(3).padStart(15)}${result.cpuMsPerStep.toFixed(3).padStart(14)}${String(result.completed).padStart(9)}`,
    );
  }
}
