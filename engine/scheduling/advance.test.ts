import { describe, expect, it } from "vitest";
import { buildGraph } from "../definition/graph";
import type { EdgeDefinition } from "../definition/schema";
import type { StepStatus } from "../definition/statuses";
import { advance } from "./advance";
import type { StepFacts } from "./edges";

function graphOf(ids: string[], edges: EdgeDefinition[]) {
  return buildGraph({ steps: ids.map((id) => ({ id, type: "noop", config: {} })), edges });
}

function factsFrom(state: Record<string, StepStatus | [StepStatus, string]>) {
  return (id: string): StepFacts => {
    const entry = state[id] ?? "pending";
    return Array.isArray(entry) ? { status: entry[0], branch: entry[1] } : { status: entry, branch: null };
  };
}

describe("advance", () => {
  it("queues the start steps of a fresh run", () => {
    //  a ──▶ c
    //  b ──┘
    const graph = graphOf(["a", "b", "c"], [{ from: "a", to: "c" }, { from: "b", to: "c" }]);
    expect(advance(graph, factsFrom({}), graph.order)).toEqual({ queue: ["a", "b"], skip: [] });
  });

  it("waits for every parent of a join", () => {
    //  a ──▶ c      a completed, b running: c waits
    //  b ──┘
    const graph = graphOf(["a", "b", "c"], [{ from: "a", to: "c" }, { from: "b", to: "c" }]);
    expect(advance(graph, factsFrom({ a: "completed", b: "running" }), ["a"])).toEqual({ queue: [], skip: [] });
    expect(advance(graph, factsFrom({ a: "completed", b: "resolved" }), ["b"])).toEqual({ queue: ["c"], skip: [] });
  });

  it("skips the branch not taken and runs the join after the taken path", () => {
    //  cond ──true──▶ yes ──▶ join
    //   └───false──▶ no ───┘
    const graph = graphOf(["cond", "yes", "no", "join"], [
      { from: "cond", to: "yes", branch: "true" },
      { from: "cond", to: "no", branch: "false" },
      { from: "yes", to: "join" },
      { from: "no", to: "join" },
    ]);
    expect(advance(graph, factsFrom({ cond: ["completed", "true"] }), ["cond"])).toEqual({ queue: ["yes"], skip: ["no"] });
    expect(advance(graph, factsFrom({ cond: ["completed", "true"], yes: "completed", no: "skipped" }), ["yes"])).toEqual({ queue: ["join"], skip: [] });
  });

  it("propagates a skip down a chain when every incoming edge is dead", () => {
    //  cond ──false──▶ x ──▶ y ──▶ z
    const graph = graphOf(["cond", "x", "y", "z"], [
      { from: "cond", to: "x", branch: "false" },
      { from: "x", to: "y" },
      { from: "y", to: "z" },
    ]);
    expect(advance(graph, factsFrom({ cond: ["completed", "true"] }), ["cond"])).toEqual({ queue: [], skip: ["x", "y", "z"] });
  });

  it("treats a cancelled source as dead and a failed one as unsettled", () => {
    //  a ──▶ b
    const graph = graphOf(["a", "b"], [{ from: "a", to: "b" }]);
    expect(advance(graph, factsFrom({ a: "cancelled" }), ["a"])).toEqual({ queue: [], skip: ["b"] });
    expect(advance(graph, factsFrom({ a: "failed" }), ["a"])).toEqual({ queue: [], skip: [] });
  });

  it("runs a switch's matching case and the default only when chosen", () => {
    //  sw ──vip──▶ v
    //   ├──gold─▶ g
    //   └─default▶ d
    const graph = graphOf(["sw", "v", "g", "d"], [
      { from: "sw", to: "v", branch: "vip" },
      { from: "sw", to: "g", branch: "gold" },
      { from: "sw", to: "d", branch: "default" },
    ]);
    expect(advance(graph, factsFrom({ sw: ["completed", "gold"] }), ["sw"])).toEqual({ queue: ["g"], skip: ["v", "d"] });
  });

  it("runs a join when at least one incoming edge is live and the rest are dead", () => {
    //  cond ──true──▶ j
    //   └───false─────┘   (two edges into j from the same source)
    const graph = graphOf(["cond", "j"], [
      { from: "cond", to: "j", branch: "true" },
      { from: "cond", to: "j", branch: "false" },
    ]);
    expect(advance(graph, factsFrom({ cond: ["completed", "false"] }), ["cond"])).toEqual({ queue: ["j"], skip: [] });
  });

  it("does not decide steps that are no longer pending", () => {
    const graph = graphOf(["a", "b"], [{ from: "a", to: "b" }]);
    expect(advance(graph, factsFrom({ a: "completed", b: "queued" }), ["a"])).toEqual({ queue: [], skip: [] });
  });

  it("takes the error edge of a step that failed into it, and skips its normal path", () => {
    //  a ──▶ b ──▶ c
    //  └─error─▶ e
    const graph = graphOf(["a", "b", "c", "e"], [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "a", to: "e", branch: "error" }]);
    expect(advance(graph, factsFrom({ a: ["failed", "error"] }), ["a"])).toEqual({ queue: ["e"], skip: ["b", "c"] });
    expect(advance(graph, factsFrom({ a: "completed" }), ["a"])).toEqual({ queue: ["b"], skip: ["e"] });
    expect(advance(graph, factsFrom({ a: "skipped" }), ["a"])).toEqual({ queue: [], skip: ["b", "e", "c"] });
  });

  it("goes on past an optional step that failed, and leaves its error edge dead", () => {
    //  a(optional) ──▶ b
    //  └─error─▶ e    (a failed without taking the error branch cannot happen; shown for the edge rule)
    const graph = graphOf(["a", "b", "e"], [{ from: "a", to: "b" }, { from: "a", to: "e", branch: "error" }]);
    const facts = (id: string): StepFacts => (id === "a" ? { status: "failed", branch: null, optional: true } : { status: "pending", branch: null });
    expect(advance(graph, facts, ["a"])).toEqual({ queue: ["b"], skip: ["e"] });
  });
});
