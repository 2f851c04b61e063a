// A process for server/engine-host/redrive-crash.db.test.ts: an engine on a database, run from the outside.
//   node --import tsx server/engine-host/testing/redrive-process.ts <database-url> start
//     runs v1 (`fetch → broken`, `broken` fails) to its failure and prints {"runId": …};
//   node --import tsx server/engine-host/testing/redrive-process.ts <database-url> redrive <run-id> <marker-file>
//     recovers, redrives the run on v2 (`fetch → crash → after`) and prints the result and the settled
//     run as JSON. `crash` SIGKILLs its process the first time it runs (it creates `marker-file`
//     first), as a crash in the middle of a redrive would; run again, it completes.
import fs from "node:fs";
import { z } from "zod";
import { builtInStepRegistry, createEngine, defineHandler, defineStep } from "../../../engine/index";
import { openRunStore } from "../stores/open-run-store";

const crashOnceSpec = defineStep({
  type: "crash_once",
  description: "Kills the process running it, once.",
  canvas: { label: "Crash once", glyph: "☠", accent: "rose", group: "Actions" },
  configSchema: z.strictObject({ marker: z.string() }),
  branches: () => null,
});
const crashOnceHandler = defineHandler(crashOnceSpec, {
  instant: false,
  run: ({ config }) => {
    if (fs.existsSync(config.marker)) return Promise.resolve({ type: "complete", output: "survived" });
    fs.writeFileSync(config.marker, "crashed");
    process.kill(process.pid, "SIGKILL");
    return new Promise(() => {});
  },
});

const v1 = {
  format: "orka/v1",
  name: "redrive_crash",
  steps: [
    { id: "fetch", type: "code", config: { source: "return Math.random()" } },
    { id: "broken", type: "fail", config: { message: "bug in v1" } },
  ],
  edges: [{ from: "fetch", to: "broken" }],
};
const v2 = (marker: string) => ({
  format: "orka/v1",
  name: "redrive_crash",
  steps: [
    { id: "fetch", type: "code", config: { source: "return Math.random()" } },
    { id: "crash", type: "crash_once", config: { marker } },
    { id: "after", type: "code", config: { source: "return steps.fetch.output" } },
  ],
  edges: [
    { from: "fetch", to: "crash" },
    { from: "crash", to: "after" },
  ],
});

const [databaseUrl, command, runIdArgument, marker] = process.argv.slice(2);
const store = await openRunStore(databaseUrl!);
const engine = createEngine({ store, steps: builtInStepRegistry.with(crashOnceSpec, crashOnceHandler) });
await engine.start();
if (command === "start") {
  const { runId } = await engine.startRun({ definition: v1 });
  const settled = await engine.waitForRun(runId);
  process.stdout.write(`${JSON.stringify({ runId, status: settled.run.status })}\n`);
} else {
  const result = await engine.redriveRun(runIdArgument!, { definition: v2(marker!), workflowVersionId: null }, { by: "crash test" });
  const settled = await engine.waitForRun(runIdArgument!);
  const steps = Object.fromEntries(settled.steps.map((step) => [step.stepId, step]));
  process.stdout.write(`${JSON.stringify({ result, status: settled.run.status, previousVersions: settled.run.previousVersions, steps })}\n`);
}
await engine.stop();
await store.close();
