import { describe, expect, it } from "vitest";
import { allData, constant, overItems, sum, theContext, within } from "./size-bound";

describe("size bounds", () => {
  it("substitutes a context's bound", () => {
    // `name & name` on each item of $input.items: at most twice the context, plus the quotes.
    expect(within({ ctx: 2, data: 0, lit: 2 }, allData)).toEqual({ ctx: 0, data: 2, lit: 2 });
    expect(within(sum(theContext, allData), { ctx: 0, data: 3, lit: 5 })).toEqual({ ctx: 0, data: 4, lit: 5 });
  });

  it("adds up a per-item value over the items: literals count once per item, at most size/2 + 1 items", () => {
    expect(overItems(constant(10), allData)).toEqual({ ctx: 0, data: 5, lit: 10 });
    expect(overItems({ ctx: 1, data: 0, lit: 0 }, { ctx: 0, data: 3, lit: 4 })).toEqual({ ctx: 0, data: 3, lit: 4 });
  });

  it("refuses a per-item value that holds outside data (one copy per item)", () => {
    expect(overItems(allData, theContext)).toBeNull();
  });
});
