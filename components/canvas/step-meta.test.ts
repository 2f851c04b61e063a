import { describe, expect, it } from "vitest";
import { getStepSpec, stepTypes } from "@/engine/definition";
import { metaOf, paletteTypes } from "./step-meta";

describe("step metadata", () => {
  it("is the spec's look, with its accent token as Tailwind classes", () => {
    for (const type of stepTypes) {
      const look = getStepSpec(type)!.canvas;
      expect(metaOf(type), type).toMatchObject({ label: look.label, glyph: look.glyph, group: look.group });
      expect(metaOf(type).accent, type).toMatch(new RegExp(`^bg-${look.accent}-\\d+ text-${look.accent}-\\d+$`));
    }
  });

  it("the palette offers every type exactly once", () => {
    expect([...paletteTypes()].sort()).toEqual([...stepTypes].sort());
  });

  it("an unknown type is labelled with its own name", () => {
    expect(metaOf("teleport").label).toBe("teleport");
  });
});
