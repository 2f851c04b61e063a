import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import type { Definition } from "../definition/schema";
import { validateDefinition } from "../definition/validate";
import type { RunStore } from "../ports/run-store";
import type { WorkflowResolver } from "../ports/workflow-resolver";
import { createEngine, type EngineOptions } from "./engine";
import { eventOf, workflow } from "./testing/engine-fixture";

// Sub-workflows and maps compose within two bounds: nesting depth below a top-level run, and the
// number of runs in one run tree. A step that would pass either fails, permanently, with a message
// naming the limit; the failure travels up the tree like any other.
const { databases } = await createBothStores();

/** A workflow whose only step runs the workflow "loop", that is itself: what a hostile user saves. */
const loop = workflow([{ id: "again", type: "subworkflow", config: { workflow: "loop" } }], [], { name: "loop" });
const resolver: WorkflowResolver = {
  async resolve() {
    const result = validateDefinition(loop);
    if (!result.ok) throw new Error("invalid loop");
    return { definition: result.definition as Definition, workflowId: null, workflowVersionId: null };
  },
};

const map = (items: string, child: unknown, maxConcurrency = 4) => ({ id: "each", type: "map", config: { items, definition: child, maxConcurrency } });
const approval = { id: "gate", type: "approval", config: {} };
const leaf = workflow([{ id: "a", type: "noop" }]);

describe.each(databases)("bounded composition on %s", (_name, openStore) => {
  async function withEngine<T>(options: Partial<EngineOptions>, use: (engine: ReturnType<typeof createEngine>, store: RunStore) => Promise<T>): Promise<T> {
    const store = await openStore();
    const engine = createEngine({ store, resolver, ...options });
    try {
      return await use(engine, store);
    } finally {
      await engine.stop();
      await store.close();
    }
  }

  /** The runs of a tree, top-down, from the store. */
  async function treeOf(store: RunStore, rootRunId: string) {
    const runs = [(await store.loadRun(rootRunId))!];
    for (let level = [rootRunId]; level.length > 0; ) {
      const children = await store.listChildNodes(level);
      runs.push(...(await store.loadRuns(children.map((child) => child.id))));
      level = children.map((child) => child.id);
    }
    return runs;
  }

  it("stops a workflow that calls itself 10 levels down, and fails the whole tree with the reason", async () => {
    await withEngine({}, async (engine, store) => {
      const { runId } = await engine.startRun({ definition: loop });
      const root = await engine.waitForRun(runId);
      const tree = await treeOf(store, runId);
      expect(tree.map((stored) => stored.run.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.countTreeRuns(runId)).toBe(11);
      expect(new Set(tree.map((stored) => stored.run.rootRunId))).toEqual(new Set([runId]));
      const deepest = tree.at(-1)!;
      expect(deepest.steps[0]!.error).toEqual({
        kind: "permanent",
        message: `sub-workflow nesting is deeper than 10 levels: this run is 10 levels below its top-level run ${runId}, so it cannot start child runs`,
      });
      expect(tree.map((stored) => stored.run.status)).toEqual(Array(11).fill("failed"));
      expect(root.run.error?.message).toContain("sub-workflow nesting is deeper than 10 levels");
    });
  });

  it("takes the nesting limit from maxNestingDepth", async () => {
    await withEngine({ maxNestingDepth: 2 }, async (engine, store) => {
      const { runId } = await engine.startRun({ definition: loop });
      await engine.waitForRun(runId);
      expect(await store.countTreeRuns(runId)).toBe(3);
    });
  });

  it("refuses a step whose children would pass maxRunsPerTree, naming the count and the limit", async () => {
    await withEngine({ maxRunsPerTree: 5 }, async (engine, store) => {
      // root ─ 3 children (4 runs) ─ each wants 2 more: the first to ask would make 6.
      const { runId } = await engine.startRun({ definition: workflow([map("[1, 2, 3]", workflow([map("[1, 2]", leaf)]), 1)]) });
      const root = await engine.waitForRun(runId);
      expect(root.run.status).toBe("failed");
      const [first] = await store.listChildRuns(runId, "each");
      const refused = (await store.loadRun(first!.id))!.steps.find((step) => step.stepId === "each")!;
      expect(refused).toMatchObject({ status: "failed", error: { kind: "permanent", message: "this run tree already has 4 runs; the limit is 5, and this step would start 2 more" } });
      expect(await store.countTreeRuns(runId)).toBe(4);
    });
  });

  it("counts a tree it did not create from the database: a restarted engine keeps the limit", async () => {
    const child = workflow([approval, map("[1, 2]", leaf)], [{ from: "gate", to: "each", branch: "approved" }]);
    const { runId, children } = await withEngine({}, async (engine, store) => {
      const started = await engine.startRun({ definition: workflow([map("[1, 2, 3]", child, 3)]) });
      await eventOf(engine, started.runId, "step.waiting", "each");
      const ids = (await store.listChildRuns(started.runId, "each")).map((run) => run.id);
      expect(ids).toHaveLength(3);
      await Promise.all(ids.map((id) => eventOf(engine, id, "step.waiting", "gate")));
      return { runId: started.runId, children: ids };
    });
    // A new engine, not started: nothing of the tree is in its memory until the operator acts.
    await withEngine({ maxRunsPerTree: 5 }, async (engine, store) => {
      await engine.approveStep(children[0]!, "gate", {});
      const root = await engine.waitForRun(runId);
      expect(root.run.status).toBe("failed");
      const refused = (await store.loadRun(children[0]!))!.steps.find((step) => step.stepId === "each")!;
      expect(refused.error?.message).toBe("this run tree already has 4 runs; the limit is 5, and this step would start 2 more");
      // The failed child's siblings were never loaded here: they are cancelled from the database.
      await Promise.all(children.slice(1).map((id) => eventOf(engine, id, "run.cancelled")));
      const siblings = await store.loadRuns(children.slice(1));
      expect(siblings.map((stored) => stored.run.status)).toEqual(["cancelled", "cancelled"]);
      for (const sibling of siblings) expect(sibling.steps.find((step) => step.stepId === "gate")?.status).toBe("cancelled");
    });
  });

  it("refuses a child input that the child definition's input schema refuses, as a start would: the step fails permanently, no child run is made", async () => {
    const typed = workflow([{ id: "a", type: "noop", config: { output: "$input.n * 2" } }], [], { input: { type: "object", properties: { n: { type: "number" } }, required: ["n"] } });
    await withEngine({}, async (engine, store) => {
      const sub = await engine.startRun({ definition: workflow([{ id: "sub", type: "subworkflow", config: { definition: typed, input: "{ 'n': 'seven' }" } }]) });
      const mapped = await engine.startRun({ definition: workflow([{ id: "each", type: "map", config: { items: "[{ 'n': 1 }, { 'm': 2 }]", definition: typed } }]) });
      const failed = await Promise.all([sub.runId, mapped.runId].map(async (runId) => (await engine.waitForRun(runId)).steps[0]!));
      expect(failed.map((step) => [step.status, step.error])).toEqual([
        ["failed", { kind: "permanent", message: "the child run's input: invalid input: input.n: must be number" }],
        ["failed", { kind: "permanent", message: "item 1: invalid input: input: must have required property 'n'" }],
      ]);
      expect([await store.countTreeRuns(sub.runId), await store.countTreeRuns(mapped.runId)]).toEqual([1, 1]);
      // A valid input still runs.
      const good = await engine.startRun({ definition: workflow([map("[{ 'n': 1 }, { 'n': 2 }]", typed)]) });
      expect((await engine.waitForRun(good.runId)).steps[0]!.output).toEqual([{ a: 2 }, { a: 4 }]);
    });
  });
});
