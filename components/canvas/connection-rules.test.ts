import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { checkConnection } from "./connection-rules";

//   start ──▶ gate ─true──▶ done
//                  └false─▶ (free)      pick: switch with case "big" + default
const graph: Pick<Definition, "steps" | "edges"> = {
  steps: [
    { id: "start", type: "noop", config: {} },
    { id: "gate", type: "condition", config: { expression: "true" } },
    { id: "done", type: "noop", config: {} },
    { id: "pick", type: "switch", config: { cases: [{ label: "big", expression: "true" }] } },
  ],
  edges: [
    { from: "start", to: "gate" },
    { from: "gate", to: "done", branch: "true" },
  ],
};

const refusal = (source: string, target: string, sourceHandle?: string | null) => {
  const verdict = checkConnection(graph, { source, target, sourceHandle });
  return verdict.ok ? null : verdict.reason;
};

describe("checkConnection", () => {
  it("accepts a plain edge and a branch edge the source produces", () => {
    expect(checkConnection(graph, { source: "start", target: "done", sourceHandle: null })).toEqual({ ok: true });
    expect(refusal("gate", "pick", "false")).toBeNull();
    expect(refusal("pick", "done", "big")).toBeNull();
    expect(refusal("pick", "done", "default")).toBeNull();
  });

  it("refuses a self-loop", () => {
    expect(refusal("start", "start")).toBe('"start" cannot connect to itself');
  });

  it("refuses a connection that closes a cycle, naming it", () => {
    //   start ──▶ gate ─true─▶ done ──▶ start ✗
    expect(refusal("done", "start")).toBe("that would make a cycle: start → gate → done → start");
  });

  it("refuses unknown steps", () => {
    expect(refusal("ghost", "done")).toBe('there is no step "ghost"');
    expect(refusal("start", "ghost")).toBe('there is no step "ghost"');
  });

  it("refuses a branching source without a handle", () => {
    expect(refusal("gate", "pick")).toBe('connect from one of "gate"\'s branches (true, false)');
  });

  it("refuses a branch the source does not produce", () => {
    expect(refusal("pick", "done", "small")).toBe('"pick" has no branch "small" (it has big, default)');
  });

  it("refuses a handle on a non-branching source", () => {
    expect(refusal("start", "done", "true")).toBe('"start" is a noop step and has no branch "true"');
  });

  it("refuses a duplicate edge, but allows the same pair on another branch", () => {
    expect(refusal("start", "gate")).toBe('"start" is already connected to "gate"');
    expect(refusal("gate", "done", "true")).toBe('"gate" is already connected to "done" on "true"');
    expect(refusal("gate", "done", "false")).toBeNull();
  });

  it("accepts one error edge from any step but a fail step", () => {
    expect(refusal("start", "done", "error")).toBeNull();
    expect(refusal("gate", "pick", "error")).toBeNull();
    const withError = { ...graph, steps: [...graph.steps, { id: "stop_here", type: "fail", config: { message: "no" } }], edges: [...graph.edges, { from: "start", to: "pick", branch: "error" }] };
    expect(checkConnection(withError, { source: "start", target: "done", sourceHandle: "error" })).toEqual({ ok: false, reason: '"start" already sends its errors to "pick"; a step has one error edge' });
    expect(checkConnection(withError, { source: "stop_here", target: "done", sourceHandle: "error" })).toEqual({ ok: false, reason: '"stop_here" is a fail step: it always fails, so it has no error branch' });
  });
});
