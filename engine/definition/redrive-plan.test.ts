import { describe, expect, it } from "vitest";
import type { StepStatus } from "./statuses";
import { describeRedrivePlan, planRedrive } from "./redrive-plan";

const statuses = (entries: Record<string, StepStatus>) => new Map(Object.entries(entries));

describe("planRedrive", () => {
  it("keeps finished steps, re-runs the failed one and those after it", () => {
    //  a ✓ ──▶ b ✗ ──▶ c ·        new definition: same ids
    expect(planRedrive(["a", "b", "c"], statuses({ a: "completed", b: "failed", c: "pending" }))).toEqual({
      kept: ["a"],
      rerun: ["b", "c"],
      added: [],
      removed: [],
    });
  });

  it("re-runs cancelled and skipped steps, keeps resolved ones", () => {
    //  cond ✓ ──true──▶ yes ⊘(cancelled)
    //    └────false──▶ no ↷(skipped)      fix ✓(resolved)
    const plan = planRedrive(["cond", "yes", "no", "fix"], statuses({ cond: "completed", yes: "cancelled", no: "skipped", fix: "resolved" }));
    expect(plan).toEqual({ kept: ["cond", "fix"], rerun: ["yes", "no"], added: [], removed: [] });
  });

  it("drops ids the new definition no longer has and adds its new ones", () => {
    //  old: a ✓ ──▶ broken ✗          new: a ──▶ repaired ──▶ notify
    const plan = planRedrive(["a", "repaired", "notify"], statuses({ a: "completed", broken: "failed" }));
    expect(plan).toEqual({ kept: ["a"], rerun: [], added: ["repaired", "notify"], removed: ["broken"] });
    expect(describeRedrivePlan(plan)).toEqual([
      "keeps its output: a",
      "new, will run: repaired, notify",
      "removed, dropped from the run: broken",
    ]);
  });

  it("keeps a completed step even when it is removed and nothing else changes", () => {
    expect(planRedrive([], statuses({ a: "completed" }))).toEqual({ kept: [], rerun: [], added: [], removed: ["a"] });
  });
});
