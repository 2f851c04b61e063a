import type { RunEvent, RunEventType } from "../../definition/run-events";
import type { Definition } from "../../definition/schema";
import type { RunStore } from "../../ports/run-store";
import { createEngine, type Engine, type EngineOptions } from "../engine";

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

/**
 * Resolves with the first committed event of `runId` of `type` (and of `stepId`, if given): what a
 * test waits for before acting on a step it needs started or waiting. A fixed sleep instead lets
 * the test pass when the step never got there. Never resolving fails the test by its timeout.
 *
 * @example
 * await eventOf(engine, runId, "step.started", "spin");
 * await engine.cancelRun(runId);
 */
export function eventOf(engine: Engine, runId: string, type: RunEventType, stepId?: string): Promise<RunEvent> {
  const matches = (event: RunEvent) => event.type === type && (stepId === undefined || event.stepId === stepId);
  return new Promise((resolve, reject) => {
    let found = false;
    const check = async () => {
      const event = (await engine.listEvents(runId)).find(matches);
      if (!event || found) return;
      found = true;
      stop();
      resolve(event);
    };
    // Listen before the first read, or an event committed in between would never be seen.
    const stop = engine.onCommitted((runIds) => {
      if (runIds.includes(runId)) check().catch(reject);
    });
    check().catch(reject);
  });
}
