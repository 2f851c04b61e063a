// Reads a real child process from /proc: its CPU counts toward its parent's tree, as the
// benchmark counts a server's children (Linux only).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { procAvailable, processTree, startRssSampler, treeCpuMs, treeRssBytes } from "./process-tree";

/** A child that burns `ms` of its own CPU, says so, and waits to be killed. */
function burner(ms: number) {
  const source = `const s = process.cpuUsage(); while ((process.cpuUsage(s).user + process.cpuUsage(s).system) / 1000 < ${ms}); console.log("done"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  const burnt = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  return { child, burnt };
}

describe.skipIf(!procAvailable)("process tree from /proc", () => {
  it("finds a child under its parent and charges its CPU to the tree", async () => {
    const before = treeCpuMs([process.pid]);
    const { child, burnt } = burner(300);
    try {
      await burnt;
      expect(processTree([process.pid]).map((stat) => stat.pid)).toContain(child.pid);
      // 270 of 300: /proc counts whole 10 ms ticks, user and system time each rounded down.
      expect(treeCpuMs([child.pid!])).toBeGreaterThanOrEqual(270);
      expect(treeCpuMs([process.pid]) - before).toBeGreaterThanOrEqual(270);
      expect(treeRssBytes([child.pid!])).toBeGreaterThan(1024 * 1024);
    } finally {
      child.kill();
    }
  });

  it("samples the tree's memory and answers the peak since the last call", () => {
    const sampler = startRssSampler(() => [process.pid], 50);
    const peak = sampler.takePeak();
    expect(peak).toBeGreaterThan(1024 * 1024);
    expect(sampler.stop()).toBeGreaterThanOrEqual(peak);
  });
});
