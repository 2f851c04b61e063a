import { describe, expect, it } from "vitest";
import type { Definition, RunView, StepView } from "@/engine/definition";
import { edgeRunStates } from "./edge-run-states";

//   a ──▶ gate ─true──▶ yes
//              └false─▶ no ──▶ end
const definition: Pick<Definition, "edges"> = {
  edges: [
    { from: "a", to: "gate" },
    { from: "gate", to: "yes", branch: "true" },
    { from: "gate", to: "no", branch: "false" },
    { from: "no", to: "end" },
  ],
};
const step = (status: StepView["status"], branch: string | null = null): StepView => ({
  status, attempt: 1, output: null, error: null, branch, startedAt: null, finishedAt: null, wakeAt: null,
});

describe("edgeRunStates", () => {
  it("marks the branch taken and the other dead, and everything after a skipped step dead", () => {
    const run: Pick<RunView, "steps"> = { steps: { a: step("completed"), gate: step("completed", "true"), yes: step("running"), no: step("skipped"), end: step("skipped") } };
    expect(edgeRunStates(definition, run)).toEqual({
      "a->gate:": "taken",
      "gate->yes:true": "taken",
      "gate->no:false": "dead",
      "no->end:": "dead",
    });
  });

  it("leaves edges of unfinished or failed sources pending; a resolved step counts as finished", () => {
    const run: Pick<RunView, "steps"> = { steps: { a: step("resolved"), gate: step("failed") } };
    expect(edgeRunStates(definition, run)).toEqual({
      "a->gate:": "taken",
      "gate->yes:true": "pending",
      "gate->no:false": "pending",
      "no->end:": "pending",
    });
  });

  it("follows a failure down its error edge, and an optional failure down its other edges", () => {
    //  pay ──▶ ship        enrich(optional) ──▶ send
    //  └─error─▶ refund
    const withErrors = {
      steps: [{ id: "enrich", type: "code", config: {}, optional: true }],
      edges: [{ from: "pay", to: "ship" }, { from: "pay", to: "refund", branch: "error" }, { from: "enrich", to: "send" }],
    };
    const run = { steps: { pay: step("failed", "error"), enrich: step("failed") } };
    expect(edgeRunStates(withErrors, run)).toEqual({ "pay->ship:": "dead", "pay->refund:error": "taken", "enrich->send:": "taken" });
    expect(edgeRunStates({ edges: withErrors.edges }, { steps: { pay: step("completed"), enrich: step("failed") } })).toMatchObject({ "pay->refund:error": "dead", "enrich->send:": "pending" });
  });
});
