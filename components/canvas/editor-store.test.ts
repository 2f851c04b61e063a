import { describe, expect, it } from "vitest";
import { stepTypes, validateDefinition, type Definition } from "@/engine/definition";
import { canRedo, canUndo, createEditorStore, typingPauseMs, type EditorStore } from "./editor-store";
import { historyLimit } from "./history";

//   a ──▶ gate ─true─▶ b
const initial: Definition = deepFreeze({
  format: "orka/v1",
  name: "demo",
  namespace: "default",
  maxParallel: 8,
  steps: [
    { id: "a", type: "noop", config: {}, position: { x: 0, y: 0 } },
    { id: "gate", type: "condition", config: { expression: "true" }, position: { x: 200, y: 0 } },
    { id: "b", type: "noop", config: {}, position: { x: 400, y: 0 } },
  ],
  edges: [
    { from: "a", to: "gate" },
    { from: "gate", to: "b", branch: "true" },
  ],
});

// Frozen inputs make any mutation by an action throw, so "replace, never mutate" is tested everywhere.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const setup = () => createEditorStore(initial);
const doc = (store: EditorStore) => store.getState().definition;
const ids = (store: EditorStore) => doc(store).steps.map((step) => step.id);

/** Performs a document change, then checks it undoes to exactly the previous document and redoes. */
function expectUndoable(store: EditorStore, change: () => void) {
  const before = doc(store);
  change();
  const after = doc(store);
  expect(after).not.toBe(before);
  store.getState().undo();
  expect(doc(store)).toBe(before);
  store.getState().redo();
  expect(doc(store)).toBe(after);
}

describe("createEditorStore", () => {
  it("starts with the definition, empty history and selection; stores are independent", () => {
    const store = setup();
    expect(store.getState()).toMatchObject({ definition: initial, past: [], future: [], selection: [] });
    expect(canUndo(store.getState())).toBe(false);
    expect(canRedo(store.getState())).toBe(false);
    setup().getState().addStep("noop", { x: 0, y: 0 });
    expect(doc(store)).toBe(initial);
  });

  it("addStep gives a unique <type>_<n> id, a rounded position, and selects it", () => {
    const store = setup();
    expectUndoable(store, () => expect(store.getState().addStep("code", { x: 10.4, y: 20.6 })).toBe("code_1"));
    expect(store.getState().addStep("code", { x: 0, y: 0 })).toBe("code_2");
    expect(doc(store).steps.at(-1)).toEqual({ id: "code_2", type: "code", config: { source: "return input" }, position: { x: 0, y: 0 } });
    expect(doc(store).steps[3]!.position).toEqual({ x: 10, y: 21 });
    expect(store.getState().selection).toEqual(["code_2"]);
  });

  it("addStep's default config validates for every type that needs no workflow choice", () => {
    const store = setup();
    for (const type of stepTypes) store.getState().addStep(type, { x: 0, y: 0 });
    const result = validateDefinition(structuredClone(doc(store)));
    const badSteps = result.ok ? [] : result.issues.map((issue) => doc(store).steps[Number(/steps\[(\d+)\]/.exec(issue.path)?.[1])]?.type);
    expect([...new Set(badSteps)].sort()).toEqual(["map", "subworkflow"]);
  });

  it("removeSteps drops the steps, their edges and their selection", () => {
    const store = setup();
    store.getState().setSelection(["gate", "b"]);
    expectUndoable(store, () => store.getState().removeSteps(["gate"]));
    expect(ids(store)).toEqual(["a", "b"]);
    expect(doc(store).edges).toEqual([]);
    expect(store.getState().selection).toEqual(["b"]);
    const past = store.getState().past.length;
    store.getState().removeSteps(["ghost"]);
    expect(store.getState().past).toHaveLength(past);
  });

  it("moveSteps records one entry per drag and none when nothing moved", () => {
    const store = setup();
    expectUndoable(store, () => store.getState().moveSteps([{ id: "a", position: { x: 50.5, y: -9.4 } }, { id: "b", position: { x: 1, y: 2 } }]));
    expect(doc(store).steps[0]!.position).toEqual({ x: 51, y: -9 });
    expect(store.getState().past).toHaveLength(1);
    store.getState().moveSteps([{ id: "a", position: { x: 51, y: -9 } }]);
    expect(store.getState().past).toHaveLength(1);
  });

  it("applyLayout moves many steps as one history entry", () => {
    const store = setup();
    const layout = ids(store).map((id, index) => ({ id, position: { x: 0, y: index * 100 } }));
    expectUndoable(store, () => store.getState().applyLayout(layout));
    expect(doc(store).steps.map((step) => step.position!.y)).toEqual([0, 100, 200]);
    expect(store.getState().past).toHaveLength(1);
  });

  it("updateStep edits config, name, retry, timeout and assign; undefined clears a field", () => {
    const store = setup();
    expectUndoable(store, () => store.getState().updateStep("gate", { config: { expression: "$input.ok" }, name: "Gate" }));
    store.getState().updateStep("gate", { timeoutMs: 5000, assign: { ok: "$output" } });
    store.getState().updateStep("gate", { retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 10, maxDelayMs: 10, jitter: 0 } });
    expect(doc(store).steps[1]).toMatchObject({ name: "Gate", config: { expression: "$input.ok" }, timeoutMs: 5000, retry: { maxAttempts: 3 } });
    store.getState().updateStep("gate", { timeoutMs: undefined });
    expect(doc(store).steps[1]).not.toHaveProperty("timeoutMs");
    expect(store.getState().past).toHaveLength(4);
  });

  it("renameStepId renames the step and its edges, refusing bad or taken ids", () => {
    const store = setup();
    store.getState().setSelection(["gate"]);
    expectUndoable(store, () => {
      expect(store.getState().renameStepId("gate", "check")).toBeNull();
      expect(store.getState().selection).toEqual(["check"]);
    });
    expect(doc(store).edges).toEqual([{ from: "a", to: "check" }, { from: "check", to: "b", branch: "true" }]);
    const before = doc(store);
    expect(store.getState().renameStepId("check", "a")).toBe('the id "a" is already used');
    expect(store.getState().renameStepId("check", "Bad Id")).toMatch(/lowercase/);
    expect(store.getState().renameStepId("ghost", "x")).toBe('there is no step "ghost"');
    expect(doc(store)).toBe(before);
  });

  it("connect adds an edge with its branch; a refusal returns the reason and leaves document and history alone", () => {
    const store = setup();
    expectUndoable(store, () => expect(store.getState().connect({ source: "gate", target: "b", sourceHandle: "false" })).toBeNull());
    expect(doc(store).edges.at(-1)).toEqual({ from: "gate", to: "b", branch: "false" });
    store.getState().connect({ source: "a", target: "b", sourceHandle: null });
    expect(doc(store).edges.at(-1)).toEqual({ from: "a", to: "b" });

    const { definition, past, future } = store.getState();
    expect(store.getState().connect({ source: "b", target: "a" })).toMatch(/cycle/);
    expect(store.getState().connect({ source: "gate", target: "b", sourceHandle: "maybe" })).toMatch(/no branch "maybe"/);
    expect(store.getState()).toMatchObject({ definition, past, future });
    expect(store.getState().definition).toBe(definition);
  });

  it("disconnect removes edges by their flow id", () => {
    const store = setup();
    expectUndoable(store, () => store.getState().disconnect(["gate->b:true"]));
    expect(doc(store).edges).toEqual([{ from: "a", to: "gate" }]);
    store.getState().disconnect(["nope->nope:"]);
    expect(store.getState().past).toHaveLength(1);
  });

  it("paste makes ids unique, remaps inner edges, drops outer ones, offsets positions and selects the copies", () => {
    const store = setup();
    const { steps, edges } = doc(store);
    let pasted: string[] = [];
    expectUndoable(store, () => {
      pasted = store.getState().paste(steps.slice(1), edges, { x: 10, y: 20 });
      expect(store.getState().selection).toEqual(pasted);
    });
    expect(pasted).toEqual(["gate_1", "b_1"]);
    expect(new Set(ids(store)).size).toBe(ids(store).length);
    expect(doc(store).edges.slice(2)).toEqual([{ from: "gate_1", to: "b_1", branch: "true" }]);
    expect(doc(store).steps[3]!.position).toEqual({ x: 210, y: 20 });
    expect(store.getState().paste(steps.slice(0, 1), [], { x: 0, y: 0 })).toEqual(["a_1"]);
  });

  it("paste keeps ids that are free (into another workflow)", () => {
    const store = setup();
    expect(store.getState().paste([{ id: "fresh", type: "noop", config: {} }], [], { x: 5, y: 5 })).toEqual(["fresh"]);
    expect(doc(store).steps.at(-1)!.position).toEqual({ x: 5, y: 5 });
  });

  it("duplicate copies the chosen steps and the edges between them, with unique ids", () => {
    const store = setup();
    expectUndoable(store, () => expect(store.getState().duplicate(["gate", "b"])).toEqual(["gate_1", "b_1"]));
    expect(store.getState().duplicate(["gate_1"])).toEqual(["gate_2"]);
    expect(new Set(ids(store)).size).toBe(ids(store).length);
    expect(doc(store).edges).toContainEqual({ from: "gate_1", to: "b_1", branch: "true" });
    expect(store.getState().duplicate([])).toEqual([]);
  });

  it("adoptName renames every history entry and records nothing", () => {
    const store = setup();
    store.getState().addStep("noop", { x: 0, y: 0 });
    store.getState().undo();
    store.getState().adoptName("renamed");
    expect(doc(store).name).toBe("renamed");
    expect(store.getState().past).toHaveLength(0);
    store.getState().redo();
    expect(doc(store).name).toBe("renamed");
    store.getState().undo();
    expect(doc(store).name).toBe("renamed");
  });

  it("edits with the same merge key are one undo entry; another change or an undo ends the run", () => {
    const store = setup();
    for (const expression of ["$", "$i", "$in", "$input"])
      store.getState().updateStep("gate", { config: { expression } }, { mergeKey: "gate.config.expression" });
    expect(store.getState().past).toHaveLength(1);
    store.getState().updateStep("gate", { name: "Gate" }, { mergeKey: "gate.name" });
    store.getState().updateStep("gate", { config: { expression: "$input.ok" } }, { mergeKey: "gate.config.expression" });
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    store.getState().updateStep("gate", { config: { expression: "false" } }, { mergeKey: "gate.config.expression" });
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    expect(doc(store)).toBe(initial);
  });

  it("a pause in typing or endEditGroup (a line break in a code editor) starts a new undo entry", () => {
    let now = 0;
    const store = createEditorStore(initial, { now: () => now });
    const type = (source: string, after: number) => {
      now += after;
      store.getState().updateStep("gate", { config: { expression: source } }, { mergeKey: "gate.config.expression" });
    };
    type("a", 0);
    type("ab", typingPauseMs - 1);
    type("abc", typingPauseMs);
    expect(store.getState().past).toHaveLength(2);
    store.getState().endEditGroup();
    type("abc\n", 10);
    type("abc\nd", 10);
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    expect(doc(store).steps.find((step) => step.id === "gate")!.config).toEqual({ expression: "abc" });
    store.getState().undo();
    expect(doc(store).steps.find((step) => step.id === "gate")!.config).toEqual({ expression: "ab" });
  });

  it("updateWorkflow edits name, description, input and output", () => {
    const store = setup();
    expectUndoable(store, () => store.getState().updateWorkflow({ name: "renamed", output: "$steps.b", input: { type: "object" } }));
    expect(doc(store)).toMatchObject({ name: "renamed", output: "$steps.b", input: { type: "object" } });
    store.getState().updateWorkflow({ output: undefined });
    expect(doc(store)).not.toHaveProperty("output");
  });

  it("replaceDefinition is one undoable entry and prunes the selection", () => {
    const store = setup();
    store.getState().setSelection(["a", "b"]);
    const imported: Definition = { ...initial, steps: [initial.steps[0]!], edges: [] };
    expectUndoable(store, () => store.getState().replaceDefinition(imported));
    expect(doc(store)).toBe(imported);
    expect(store.getState().selection).toEqual(["a"]);
  });
});

describe("history", () => {
  it("keeps selection out of history", () => {
    const store = setup();
    store.getState().setSelection(["a"]);
    expect(store.getState()).toMatchObject({ selection: ["a"], past: [] });
    store.getState().moveSteps([{ id: "a", position: { x: 9, y: 9 } }]);
    store.getState().setSelection(["b"]);
    store.getState().undo();
    expect(store.getState().selection).toEqual(["b"]);
  });

  it("undo drops selected ids that no longer exist", () => {
    const store = setup();
    const id = store.getState().addStep("noop", { x: 0, y: 0 });
    expect(store.getState().selection).toEqual([id]);
    store.getState().undo();
    expect(store.getState().selection).toEqual([]);
  });

  it("a new change clears redo; undo and redo at the ends do nothing", () => {
    const store = setup();
    store.getState().undo();
    expect(doc(store)).toBe(initial);
    store.getState().addStep("noop", { x: 0, y: 0 });
    store.getState().undo();
    expect(canRedo(store.getState())).toBe(true);
    store.getState().addStep("code", { x: 0, y: 0 });
    expect(canRedo(store.getState())).toBe(false);
    const current = doc(store);
    store.getState().redo();
    expect(doc(store)).toBe(current);
    expect(canUndo(store.getState())).toBe(true);
  });

  it(`caps history at ${historyLimit} entries, dropping the oldest`, () => {
    const store = setup();
    for (let n = 0; n < historyLimit + 25; n++) store.getState().moveSteps([{ id: "a", position: { x: n + 1, y: 0 } }]);
    expect(store.getState().past).toHaveLength(historyLimit);
    for (let n = 0; n < historyLimit + 5; n++) store.getState().undo();
    expect(doc(store).steps[0]!.position).toEqual({ x: 25, y: 0 });
    expect(store.getState().future).toHaveLength(historyLimit);
  });

  it("undo and redo walk a mixed sequence of edits back to the start and forward again", () => {
    const store = setup();
    const snapshots = [doc(store)];
    const edits = [
      () => store.getState().addStep("delay", { x: 0, y: 100 }),
      () => store.getState().connect({ source: "b", target: "delay_1" }),
      () => store.getState().updateStep("delay_1", { config: { ms: 5 } }),
      () => store.getState().moveSteps([{ id: "delay_1", position: { x: 7, y: 7 } }]),
      () => store.getState().disconnect(["b->delay_1:"]),
      () => store.getState().duplicate(["delay_1"]),
      () => store.getState().removeSteps(["a"]),
    ];
    for (const edit of edits) {
      edit();
      snapshots.push(doc(store));
    }
    for (let index = snapshots.length - 2; index >= 0; index--) {
      store.getState().undo();
      expect(doc(store)).toBe(snapshots[index]);
    }
    for (let index = 1; index < snapshots.length; index++) {
      store.getState().redo();
      expect(doc(store)).toBe(snapshots[index]);
    }
  });
});
