import { describe, expect, it } from "vitest";
import { fieldDomId, pathAndAncestors } from "./field-dom-id";

describe("fieldDomId", () => {
  it("is stable and safe in CSS selectors", () => {
    expect(fieldDomId("steps[3].config.url")).toBe(fieldDomId("steps[3].config.url"));
    expect(fieldDomId("steps[3].config.url")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fieldDomId("steps[0].config.headers.X Api Key")).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("tells apart paths that differ only in punctuation", () => {
    const paths = ["a.b", "a-b", "a_b", "a[1]", "a.1", "a_2e_b", "steps[1].config", "steps[10].config"];
    expect(new Set(paths.map(fieldDomId)).size).toBe(paths.length);
  });
});

describe("pathAndAncestors", () => {
  it("lists the path, then each ancestor, nearest first", () => {
    expect(pathAndAncestors("steps[3].config.cases[1].label")).toEqual([
      "steps[3].config.cases[1].label",
      "steps[3].config.cases[1]",
      "steps[3].config.cases",
      "steps[3].config",
      "steps[3]",
      "steps",
    ]);
    expect(pathAndAncestors("output")).toEqual(["output"]);
  });
});
