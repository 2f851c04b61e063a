import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { dataTransformer, dehydrateQueryData, hydrateQueryData, serializeQueryData } from "./query-data";

// serializeQueryData passes plain JSON by without superjson walking it; what it writes must be
// exactly what superjson writes, so either end reads the other's.
const shared = { same: true };
const cases: Record<string, unknown> = {
  "a workflow as workflows.get answers it": {
    id: "wf_1",
    draft: { format: "orka/v1", steps: [{ id: "a", type: "noop", position: { x: 0, y: -20.5 } }], edges: [] },
    updatedAt: new Date("2026-12-06T20:00:00Z"),
    issues: [],
    latestVersion: null,
    template: null,
  },
  "dates and undefined nested in a field": { run: { startedAt: new Date(0), endedAt: undefined }, list: [1, { at: new Date(1) }] },
  "an object reached twice": { first: shared, second: shared },
  "an object twice inside one field": { pair: [shared, shared] },
  "a plain object also reached from a special field": { plain: shared, special: { at: new Date(0), again: shared } },
  "numbers JSON cannot hold": { values: [Number.NaN, Number.POSITIVE_INFINITY, -0], fine: [1, 2] },
  "a sparse array": { holes: [1, , 3] },
  "a map and a set": { map: new Map([["a", 1]]), set: new Set([1]), plain: { a: [true, null, "x"] } },
  "keys with dots": { "a.b": { c: new Date(2) }, "d.e": { f: 1 } },
  "an array at the top": [{ a: 1 }, new Date(3)],
  "a primitive": "text",
  "null": null,
  "a class instance": { error: new Error("boom"), plain: { a: 1 } },
};

describe("serializeQueryData", () => {
  for (const [name, data] of Object.entries(cases))
    it(`writes what superjson writes: ${name}`, () => {
      const ours = serializeQueryData(data);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(superjson.serialize(data)));
      expect(superjson.deserialize(JSON.parse(JSON.stringify(ours)))).toEqual(superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(data)))));
    });

  it("passes a plain field as it is, without copying it", () => {
    const draft = { steps: [{ id: "a" }] };
    const ours = serializeQueryData({ draft, updatedAt: new Date(0) });
    expect((ours.json as { draft: unknown }).draft).toBe(draft);
  });

  it("is tRPC's transformer both ways", () => {
    const data = { when: new Date(5), body: { a: [1, "b"] } };
    expect(dataTransformer.deserialize(JSON.parse(JSON.stringify(dataTransformer.serialize(data))))).toEqual(data);
  });
});

describe("dehydrateQueryData", () => {
  for (const [name, data] of Object.entries(cases))
    it(`crosses to the browser and back: ${name}`, () => {
      const crossed = JSON.parse(JSON.stringify(dehydrateQueryData(data))) as ReturnType<typeof dehydrateQueryData>;
      expect(hydrateQueryData(crossed)).toEqual(superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(data)))));
    });

  it("sends plain JSON fields as text", () => {
    const draft = { steps: [{ id: "a", position: { x: 1, y: 2 } }] };
    const dehydrated = dehydrateQueryData({ id: "wf", draft, updatedAt: new Date(0) });
    expect(dehydrated.texts).toEqual(["draft"]);
    expect((dehydrated.json as Record<string, unknown>).draft).toBe(JSON.stringify(draft));
    expect(hydrateQueryData(JSON.parse(JSON.stringify(dehydrated)) as typeof dehydrated)).toEqual({ id: "wf", draft, updatedAt: new Date(0) });
  });

  it("reads what superjson wrote", () => {
    const data = { at: new Date(7), list: [1, 2] };
    expect(hydrateQueryData(superjson.serialize(data))).toEqual(data);
  });
});
