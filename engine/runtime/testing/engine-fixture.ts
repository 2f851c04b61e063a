import type { Definition } from "../../definition/schema";
import type { RunStore } from "../../ports/run-store";
import { createEngine, type EngineOptions } from "../engine";

/** A definition from a compact list of steps and edges, for tests. */
export function workflow(steps: unknown[], edges: unknown[] = [], extra: Partial<Definition> & Record<string, unknown> = {}) {
  return { format: "orka/v1", name: "test", steps, edges, ...extra };
}

/** A chain `a → b → c …` of the given steps. */
export function chain(...steps: { id: string }[]) {
  return workflow(steps, steps.slice(1).map((step, index) => ({ from: steps[index]!.id, to: step.id })));
}

/** Starts an engine on `store`, runs one definition to its settled state, returns the stored run. */
export function engineRunner(store: RunStore, options: Partial<EngineOptions> = {}) {
  const engine = createEngine({ store, ...options });
  return {
    engine,
    async run(definition: unknown, input: unknown = {}) {
      const { runId } = await engine.startRun({ definition, input });
      return settled(runId);
    },
    settled,
  };
  async function settled(runId: string) {
    const stored = await engine.waitForRun(runId);
    const steps = Object.fromEntries(stored.steps.map((step) => [step.stepId, step]));
    const events = await engine.listEvents(runId);
    return { runId, run: stored.run, steps, events, eventTypes: (stepId: string) => events.filter((e) => e.stepId === stepId).map((e) => e.type) };
  }
}
