// Starts the existing production build on a free port with a fresh SQLite database, as
// playwright.config.ts does, and stops it again (on success, failure and Ctrl-C alike).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/free-port.mjs";

export interface OrkaServer {
  url: string;
  stop(): Promise<void>;
}

export async function startOrka(repoRoot: string): Promise<OrkaServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-canvas-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(folder, "bench.db")}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      ORKA_SEED_EXAMPLES: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with ${child.exitCode}:\n${log.join("").slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`the server did not answer at ${url} within 120 s:\n${log.join("").slice(-4000)}`);
}
