import { describe, expect, it } from "vitest";
import type { Definition, StepDefinition } from "@/engine/definition";
import { defaultPosition } from "../to-flow";
import { diffDefinitions, isEmptyDiff, mergeForDiff, sameValue } from "./diff-definitions";

function definition(steps: StepDefinition[], edges: Definition["edges"] = [], extra: Partial<Definition> = {}): Definition {
  return { format: "orka/v1", name: "order", namespace: "default", maxParallel: 16, steps, edges, ...extra };
}

const fetch = { id: "fetch", type: "http", config: { url: "https://a.test", method: "GET" }, position: { x: 0, y: 0 } };
const check = { id: "check", type: "condition", config: { expression: "$steps.fetch.output.status = 200" }, position: { x: 240, y: 0 } };
const ship = { id: "ship", type: "noop", config: {}, position: { x: 480, y: -80 } };
const refund = { id: "refund", type: "noop", config: {}, position: { x: 480, y: 80 } };

//   fetch ──▶ check ──true──▶ ship
//                  └─false─▶ refund
const base = definition(
  [fetch, check, ship, refund],
  [
    { from: "fetch", to: "check" },
    { from: "check", to: "ship", branch: "true" },
    { from: "check", to: "refund", branch: "false" },
  ],
);

describe("diffDefinitions", () => {
  it("finds nothing between a definition and itself", () => {
    const diff = diffDefinitions(base, structuredClone(base));
    expect(diff).toEqual({ steps: { added: [], removed: [], changed: [], moved: [] }, edges: { added: [], removed: [] }, workflow: [] });
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it("reports added and removed steps with their edges", () => {
    // before:  fetch ──▶ check ──true──▶ ship        after:  fetch ──▶ check ──true──▶ ship ──▶ notify
    //                         └─false─▶ refund                             (refund removed)
    const notify = { id: "notify", type: "noop", config: {} };
    const after = definition(
      [fetch, check, ship, notify],
      [base.edges[0]!, base.edges[1]!, { from: "ship", to: "notify" }],
    );
    const diff = diffDefinitions(base, after);
    expect(diff.steps).toEqual({ added: ["notify"], removed: ["refund"], changed: [], moved: [] });
    expect(diff.edges).toEqual({ added: [{ from: "ship", to: "notify" }], removed: [{ from: "check", to: "refund", branch: "false" }] });
  });

  it("names changed fields, config one key deep, and ignores key order", () => {
    //   fetch* ──▶ check ──▶ …     (* url changed, retry added, renamed)
    const changedFetch = { ...fetch, name: "Fetch order", config: { method: "GET", url: "https://b.test" }, retry: { maxAttempts: 3 } };
    const diff = diffDefinitions(base, definition([changedFetch, check, ship, refund], base.edges));
    expect(diff.steps.changed).toEqual([{ id: "fetch", fields: ["name", "retry", "config.url"] }]);
  });

  it("reports position-only changes as moves, and a position beside other changes as a field", () => {
    //   ship moved; refund moved and its output set
    const movedShip = { ...ship, position: { x: 500, y: -80 } };
    const changedRefund = { ...refund, position: { x: 0, y: 300 }, config: { output: "1" } };
    const diff = diffDefinitions(base, definition([fetch, check, movedShip, changedRefund], base.edges));
    expect(diff.steps.moved).toEqual(["ship"]);
    expect(diff.steps.changed).toEqual([{ id: "refund", fields: ["config.output", "position"] }]);
    expect(isEmptyDiff({ ...diff, steps: { ...diff.steps, changed: [] } }, { includeMoves: false })).toBe(true);
  });

  it("treats a branch change as one edge removed and one added", () => {
    //   check ──true──▶ ship   becomes   check ──false──▶ ship
    const after = definition(base.steps, [base.edges[0]!, { from: "check", to: "ship", branch: "false" }, base.edges[2]!]);
    expect(diffDefinitions(base, after).edges).toEqual({
      added: [{ from: "check", to: "ship", branch: "false" }],
      removed: [{ from: "check", to: "ship", branch: "true" }],
    });
  });

  it("lists changed workflow-level fields", () => {
    const after = { ...base, description: "ships orders", maxParallel: 4, input: { type: "object" }, output: "$steps.ship" };
    expect(diffDefinitions(base, after).workflow.sort()).toEqual(["description", "input", "maxParallel", "output"]);
  });

  it("compares with defaults applied: a version (with defaults) equals the draft it came from", () => {
    //   draft as written:   a ──▶ b      (no maxParallel, no config, retry with one field)
    const draft = {
      format: "orka/v1",
      name: "order",
      steps: [{ id: "a", type: "noop", retry: { maxAttempts: 2 } }, { id: "b", type: "noop" }],
      edges: [{ from: "a", to: "b" }],
    } as unknown as Definition;
    const published = definition(
      [
        { id: "a", type: "noop", config: {}, retry: { maxAttempts: 2, backoff: "exponential", initialDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.2 } },
        { id: "b", type: "noop", config: {} },
      ],
      [{ from: "a", to: "b" }],
    );
    expect(isEmptyDiff(diffDefinitions(published, draft))).toBe(true);
  });

  it("still compares a draft whose steps do not parse", () => {
    const broken = { id: "x", type: "noop", config: {}, surprise: true } as unknown as StepDefinition;
    const diff = diffDefinitions(definition([broken]), definition([{ ...broken, name: "X" }]));
    expect(diff.steps.changed).toEqual([{ id: "x", fields: ["name"] }]);
  });
});

describe("mergeForDiff", () => {
  //   before:  fetch ──▶ check ──true──▶ ship         after:  fetch' ──▶ check ──true──▶ ship (moved)
  //                         └─false─▶ refund                                └─false─▶ retry_later (new)
  const retryLater = { id: "retry_later", type: "delay", config: { ms: 1000 } };
  const after = definition(
    [{ ...fetch, config: { ...fetch.config, url: "https://c.test" } }, check, { ...ship, position: { x: 520, y: -80 } }, retryLater],
    [base.edges[0]!, base.edges[1]!, { from: "check", to: "retry_later", branch: "false" }],
  );

  it("holds every step and edge of both sides, each with its status", () => {
    const merged = mergeForDiff(base, after);
    expect(merged.definition.steps.map((step) => step.id)).toEqual(["fetch", "check", "ship", "retry_later", "refund"]);
    expect(merged.stepStatus).toEqual({ fetch: "changed", check: "unchanged", ship: "moved", retry_later: "added", refund: "removed" });
    expect(merged.edgeStatus).toEqual({
      "fetch->check:": "unchanged",
      "check->ship:true": "unchanged",
      "check->retry_later:false": "added",
      "check->refund:false": "removed",
    });
    expect(merged.definition.edges).toHaveLength(4);
  });

  it("keeps a removed step at its old place, even one drawn by its index", () => {
    //   before: [one, two, gone] (gone has no position: drawn at grid cell 2)   after: [one, two]
    const one = { id: "one", type: "noop", config: {} };
    const two = { id: "two", type: "noop", config: {} };
    const gone = { id: "gone", type: "noop", config: {} };
    const merged = mergeForDiff(definition([gone, one, two]), definition([one, two]));
    expect(merged.definition.steps.at(-1)).toEqual({ ...gone, position: defaultPosition(0) });
    expect(merged.definition.steps[0]!.position).toBeUndefined();
  });

  it("takes the workflow-level fields from the after side", () => {
    expect(mergeForDiff(base, { ...after, description: "new" }).definition.description).toBe("new");
  });
});

describe("sameValue", () => {
  it("compares JSON deeply, ignoring key order", () => {
    expect(sameValue({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
