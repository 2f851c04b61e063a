import { describe, expect, it } from "vitest";
import { stepTypes } from "@/engine/definition";
import { metaOf, paletteTypes, stepMeta } from "./step-meta";

describe("step metadata", () => {
  it("exists for every registered step type, so the palette never shows a raw type name", () => {
    for (const type of stepTypes) expect(stepMeta[type], type).toBeDefined();
  });

  it("the palette offers every type exactly once", () => {
    expect([...paletteTypes()].sort()).toEqual([...stepTypes].sort());
  });

  it("an unknown type is labelled with its own name", () => {
    expect(metaOf("teleport").label).toBe("teleport");
  });
});
