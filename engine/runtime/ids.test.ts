import { describe, expect, it } from "vitest";
import { uuidV7 } from "./ids";

describe("uuidV7", () => {
  it("is a version 7, variant 1 UUID carrying the time", () => {
    const id = uuidV7(0x0190_1234_5678);
    expect(id).toMatch(/^01901234-5678-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("sorts by creation time", () => {
    const ids = [1000, 2000, 3000, 1_700_000_000_000].map((time) => uuidV7(time));
    expect([...ids].sort()).toEqual(ids);
  });
});
