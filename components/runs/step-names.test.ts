import { describe, expect, it } from "vitest";
import { stepNamesOf } from "./step-names";

describe("stepNamesOf", () => {
  it("names each step by its display name, else its id, and skips what is not a step", () => {
    const names = stepNamesOf({ steps: [{ id: "prepare", name: "Prepare order" }, { id: "ship" }, { id: "blank", name: "  " }, null, { name: "no id" }] });
    expect([...names]).toEqual([
      ["prepare", "Prepare order"],
      ["ship", "ship"],
      ["blank", "blank"],
    ]);
    expect(stepNamesOf(null).size).toBe(0);
  });
});
