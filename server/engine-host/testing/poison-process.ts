// A process for server/engine-host/quarantine-crash.db.test.ts: an engine on a database whose
// `suicide` step SIGKILLs the process running it, as a native crash or the OOM killer would.
//   node --import tsx server/engine-host/testing/poison-process.ts <database-url> start
//     starts a run (`suicide → after`, plus `other`) and dies, writing "killing the process in run <id>";
//   node --import tsx server/engine-host/testing/poison-process.ts <database-url> resume <run-id>
//     recovers (dying again while the step is still resumed) and prints the settled run as JSON.
import fs from "node:fs";
import { z } from "zod";
import { builtInStepRegistry, createEngine, defineHandler, defineStep } from "../../../engine/index";
import { openRunStore } from "../stores/open-run-store";

const suicideSpec = defineStep({
  type: "suicide",
  description: "Kills the process running it.",
  canvas: { label: "Suicide", glyph: "☠", accent: "rose", group: "Actions" },
  configSchema: z.strictObject({}),
  branches: () => null,
});
const suicideHandler = defineHandler(suicideSpec, {
  instant: false,
  run: ({ runId }) => {
    fs.writeSync(2, `killing the process in run ${runId}\n`);
    process.kill(process.pid, "SIGKILL");
    return new Promise(() => {});
  },
});

const definition = {
  format: "orka/v1",
  name: "poison",
  steps: [
    { id: "suicide", type: "suicide", config: {} },
    { id: "after", type: "noop" },
    { id: "other", type: "noop" },
  ],
  edges: [{ from: "suicide", to: "after" }],
};

const [databaseUrl, command, resumed] = process.argv.slice(2);
const store = await openRunStore(databaseUrl!);
const engine = createEngine({ store, steps: builtInStepRegistry.with(suicideSpec, suicideHandler) });
await engine.start();
const runId = command === "start" ? (await engine.startRun({ definition })).runId : resumed!;
const settled = await engine.waitForRun(runId);
process.stdout.write(`${JSON.stringify({ status: settled.run.status, steps: Object.fromEntries(settled.steps.map((step) => [step.stepId, step])) })}\n`);
await engine.stop();
await store.close();
