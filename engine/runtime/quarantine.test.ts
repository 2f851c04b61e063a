import { describe, expect, it } from "vitest";
import { interruptedStep } from "./quarantine";

describe("interruptedStep", () => {
  it("requeues an attempt the first time its process stopped, and quarantines it the second time", () => {
    expect(interruptedStep({ interruptions: 0 })).toBe("requeue");
    expect(interruptedStep({ interruptions: 1 })).toBe("quarantine");
    expect(interruptedStep({ interruptions: 5 })).toBe("quarantine");
  });
});
