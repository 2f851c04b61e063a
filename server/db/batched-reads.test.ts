import { describe, expect, it } from "vitest";
import { batchedReads } from "./batched-reads";

describe("batchedReads", () => {
  it("reads the keys asked for in one turn of the event loop together, the next ones after that read, and answers each asker", async () => {
    const calls: string[][] = [];
    let release: () => void = () => {};
    const read = batchedReads(async (keys: string[]) => {
      calls.push([...keys]);
      if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return new Map(keys.filter((key) => key !== "missing").map((key) => [key, key.toUpperCase()]));
    });
    const first = [read("a"), read("b"), read("a"), read("missing")];
    await new Promise((resolve) => setImmediate(resolve));
    // Asked while the first read is in flight: gathered for the next one.
    const later = [read("c"), read("d")];
    release();
    expect(await Promise.all(first)).toEqual(["A", "B", "A", null]);
    expect(await Promise.all(later)).toEqual(["C", "D"]);
    expect(calls).toEqual([["a", "b", "missing"], ["c", "d"]]);
  });

  it("reads at most maxKeys keys at a time", async () => {
    const calls: number[][] = [];
    const read = batchedReads(async (keys: number[]) => (calls.push(keys), new Map(keys.map((key) => [key, key * 2]))), { maxKeys: 2 });
    expect(await Promise.all([1, 2, 3].map(read))).toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2], [3]]);
  });

  it("fails every asker of a read that failed, and reads afresh for the next", async () => {
    let fail = true;
    const read = batchedReads(async (keys: string[]) => {
      if (fail) throw new Error("connection lost");
      return new Map(keys.map((key) => [key, key]));
    });
    const failed = await Promise.allSettled([read("a"), read("b")]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await read("a")).toBe("a");
  });
});
