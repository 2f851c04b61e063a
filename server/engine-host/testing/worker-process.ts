// A real `orka worker` process for tests: spawned from the repository root without the test
// runner's NODE_OPTIONS, its stderr kept, `running` resolved once it says it runs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<WorkerExit>;
  /** Resolves once it runs; rejects with its stderr when it exits first. */
  running: Promise<void>;
  /** What it printed on stderr so far. */
  stderr(): string;
}

/** `node bin/orka worker <args>` with `env` over this process's environment. */
export function spawnWorker(args: string[], env: Record<string, string> = {}): WorkerProcess {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ["bin/orka", "worker", ...args], { cwd: root, env: { ...inherited, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let said!: () => void;
  const running = new Promise<void>((resolve) => (said = resolve));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (/\[orka\] worker \d+ running/.test(stderr)) said();
  });
  const exited = new Promise<WorkerExit>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
  const failedEarly = exited.then((exit) => {
    throw new Error(`worker exited (${exit.code ?? exit.signal}) before running:\n${exit.stderr}`);
  });
  const runs = Promise.race([running, failedEarly]);
  runs.catch(() => undefined); // a test that only waits for the exit leaves it unawaited
  return { child, exited, running: runs, stderr: () => stderr };
}
