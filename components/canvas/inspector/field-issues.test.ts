import { describe, expect, it } from "vitest";
import { issuesFor, unclaimedIssues } from "./field-issues";

const issues = [
  { path: "steps[1].config.url", message: "url is empty" },
  { path: "steps[1].config", message: "needs exactly one of `ms` or `until`" },
  { path: "steps[1].config.definition.steps[0].id", message: "bad id" },
  { path: "steps[1].config.cases[0].label", message: "duplicate" },
];

describe("field issues", () => {
  it("matches a field's own path only, unless it is deep", () => {
    expect(issuesFor(issues, { path: "steps[1].config.url" })).toEqual([issues[0]]);
    expect(issuesFor(issues, { path: "steps[1].config.cases" })).toEqual([]);
    expect(issuesFor(issues, { path: "steps[1].config.definition", deep: true })).toEqual([issues[2]]);
  });

  it("lists what no field claims", () => {
    const fields = [{ path: "steps[1].config.url" }, { path: "steps[1].config.definition", deep: true }, { path: "steps[1].config.cases[0].label" }];
    expect(unclaimedIssues(issues, fields)).toEqual([issues[1]]);
  });
});
