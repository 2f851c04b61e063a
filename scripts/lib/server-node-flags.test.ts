import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { serverMaxOldSpaceMb, serverNodeFlags } from "./server-node-flags.mjs";

describe("serverNodeFlags", () => {
  it("caps the old generation unless NODE_OPTIONS sets a heap size of its own", () => {
    expect(serverNodeFlags("")).toEqual([`--max-old-space-size=${serverMaxOldSpaceMb}`]);
    expect(serverNodeFlags("--enable-source-maps")).toEqual([`--max-old-space-size=${serverMaxOldSpaceMb}`]);
    expect(serverNodeFlags("--max-old-space-size=4096")).toEqual([]);
    expect(serverNodeFlags("--enable-source-maps --max-heap-size=2048")).toEqual([]);
  });

  it("gives Node a heap limit of about that size", () => {
    const limitMb = Number(
      execFileSync(process.execPath, [...serverNodeFlags(""), "-p", "require('node:v8').getHeapStatistics().heap_size_limit / 1048576"], { encoding: "utf8" }),
    );
    expect(limitMb).toBeGreaterThanOrEqual(serverMaxOldSpaceMb);
    expect(limitMb).toBeLessThan(serverMaxOldSpaceMb + 128);
  });
});
