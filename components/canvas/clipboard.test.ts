import { describe, expect, it } from "vitest";
import type { Definition } from "@/engine/definition";
import { clipboardText, copySelection, parseClipboardText } from "./clipboard";

//   a ─▶ b ─▶ c
const definition: Pick<Definition, "steps" | "edges"> = {
  steps: ["a", "b", "c"].map((id) => ({ id, type: "noop", config: {} })),
  edges: [
    { from: "a", to: "b" },
    { from: "b", to: "c" },
  ],
};

describe("clipboard", () => {
  it("copies the chosen steps and only the edges between them", () => {
    expect(copySelection(definition, ["a", "b"])).toEqual({ steps: definition.steps.slice(0, 2), edges: [{ from: "a", to: "b" }] });
  });

  it("round-trips through text, and ignores text that is not Orka steps", () => {
    const content = copySelection(definition, ["b", "c"]);
    expect(parseClipboardText(clipboardText(content))).toEqual(content);
    expect(parseClipboardText("hello")).toBeNull();
    expect(parseClipboardText('{"steps": []}')).toBeNull();
  });
});
