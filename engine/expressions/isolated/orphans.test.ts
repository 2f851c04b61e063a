import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { describe, expect, it } from "vitest";

const host = path.join(import.meta.dirname, "testing/pool-host.ts");

/** Starts a process owning a pool; resolves with it and its evaluator children's pids. */
async function startHost(mode: "busy" | "exit" | "return") {
  const child = spawn(process.execPath, ["--import", "tsx", host, mode], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const [line] = await readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((next) => [next.value as string]);
  const { pids } = JSON.parse(line!) as { pids: number[] };
  return { child, exited, pids };
}

/** Gone, or a zombie nobody has reaped yet (dead all the same). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[]): Promise<void> {
  while (pids.some(isRunning)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("evaluator children never outlive their parent", () => {
  it("when the parent is killed while a child is busy", async () => {
    const { child, exited, pids } = await startHost("busy");
    expect(pids).toHaveLength(1);
    expect(pids.every(isRunning)).toBe(true);
    child.kill("SIGKILL");
    await exited;
    await waitUntilGone(pids);
  });

  it("when the parent exits with process.exit", async () => {
    const { exited, pids } = await startHost("exit");
    expect(await exited).toBe(0);
    await waitUntilGone(pids);
  });

  it("when the parent's event loop runs dry: idle children do not keep it alive", async () => {
    const { exited, pids } = await startHost("return");
    expect(await exited).toBe(0);
    await waitUntilGone(pids);
  });
});
