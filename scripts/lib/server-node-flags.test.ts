import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverMaxOldSpaceMb, serverMaxSemiSpaceMb, serverNodeFlags } from "./server-node-flags.mjs";

const oldSpace = `--max-old-space-size=${serverMaxOldSpaceMb}`;
const semiSpace = `--max-semi-space-size=${serverMaxSemiSpaceMb}`;

describe("serverNodeFlags", () => {
  it("caps the old generation and the young one's semi-spaces unless NODE_OPTIONS sets a size of its own", () => {
    expect(serverNodeFlags("")).toEqual([oldSpace, semiSpace]);
    expect(serverNodeFlags("--enable-source-maps")).toEqual([oldSpace, semiSpace]);
    expect(serverNodeFlags("--max-old-space-size=4096")).toEqual([semiSpace]);
    expect(serverNodeFlags("--max-semi-space-size=32")).toEqual([oldSpace]);
    expect(serverNodeFlags("--enable-source-maps --max-heap-size=2048")).toEqual([]);
  });

  it("gives Node a heap limit of about that size and semi-spaces of that size", () => {
    const script = "const v8 = require('node:v8'); console.log(JSON.stringify({ limit: v8.getHeapStatistics().heap_size_limit, newSpace: v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space') }))";
    const { limit, newSpace } = JSON.parse(execFileSync(process.execPath, [...serverNodeFlags(""), "-e", script], { encoding: "utf8" })) as { limit: number; newSpace: { space_size: number } };
    const limitMb = limit / 1048576;
    expect(limitMb).toBeGreaterThanOrEqual(serverMaxOldSpaceMb);
    expect(limitMb).toBeLessThan(serverMaxOldSpaceMb + 128);
    // The heap limit counts the young generation as three semi-spaces: 1024 + 3 × 8 MB.
    expect(limitMb).toBe(serverMaxOldSpaceMb + 3 * serverMaxSemiSpaceMb);
    expect(newSpace.space_size / 1048576).toBeLessThanOrEqual(2 * serverMaxSemiSpaceMb);
  });
});
