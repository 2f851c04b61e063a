import { describe, expect, it } from "vitest";
import { helpTextParts, plainHelpText } from "./help-text";

describe("help text", () => {
  it("splits `code` spans from prose and leaves a lone backtick alone", () => {
    expect(helpTextParts("Runs a function body with `input`, `steps`.")).toEqual([
      { text: "Runs a function body with ", code: false },
      { text: "input", code: true },
      { text: ", ", code: false },
      { text: "steps", code: true },
      { text: ".", code: false },
    ]);
    expect(helpTextParts("a ` b")).toEqual([{ text: "a ` b", code: false }]);
    expect(plainHelpText("with `input` <b>")).toBe("with input <b>");
  });
});
