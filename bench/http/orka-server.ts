// One Orka production server for the peer benchmark, started the way `npm start` serves (migrated
// and seeded database, `next start`), but spawned directly so its process tree is the server alone
// and `--cpu-prof` can reach it. Fresh keys and a fresh database every time; nothing in data/.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { staleBuildReason } from "../../scripts/lib/build-stamp.mjs";
import { freePort } from "../../scripts/lib/free-port.mjs";
import { ensurePrismaClients } from "../../scripts/lib/prisma-clients.mjs";
import { serverNodeFlags } from "../../scripts/lib/server-node-flags.mjs";
import { baseEnv, bins, formatDuration, repoRoot, runNode } from "../../scripts/lib/run.mjs";
import { signUpOwner, type OrkaServer } from "../canvas/server";
import { createScratchDatabase, type DatabaseChoice } from "./scratch-database";

export interface RunningOrka extends Omit<OrkaServer, "stop"> {
  /** Process ids whose trees are the server (and its workers): what CPU and memory are read from. */
  pids(): number[];
  /** PostgreSQL's processes serving this server's database, when that server runs on this machine. */
  databasePids: (() => Promise<number[]>) | null;
  stop(): Promise<void>;
}

export interface OrkaServerOptions {
  database: DatabaseChoice;
  /** `orka worker` processes (started only where the command exists); with any, the server runs with `ORKA_ENGINE=off`. */
  workers: number;
  /** Write a V8 CPU profile of the server into this folder when it stops. */
  cpuProfileDir?: string;
}

/** Generates the Prisma clients and builds when the sources changed since the last build, as `npm start` does. */
export async function ensureProductionBuild(log: (line: string) => void): Promise<void> {
  await ensurePrismaClients();
  const reason = staleBuildReason();
  if (!reason) return;
  log(`building (${reason})…`);
  const started = Date.now();
  await runNode(bins.next, ["build"]);
  log(`built in ${formatDuration(Date.now() - started)}`);
}

/** Whether this checkout's CLI has `orka worker` (its usage names it). */
export async function workerCommandExists(): Promise<boolean> {
  const { output } = await capture(process.execPath, [path.join(repoRoot, "bin/orka"), "--help"], baseEnv);
  return /orka worker\b/.test(output); // the usage goes to stderr
}

// As `npm start` serves (scripts/serve.mjs, with its Node flags); BENCH_NEXT_START=1 measures plain `next start` instead, for comparison.
const serverCommand = process.env.BENCH_NEXT_START === "1" ? [bins.next, "start"] : [...serverNodeFlags(), path.join(repoRoot, "scripts/serve.mjs")];

export async function startOrka(options: OrkaServerOptions): Promise<RunningOrka> {
  const database = await createScratchDatabase(options.database);
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await database.drop();
  };
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...baseEnv,
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      PORT: String(port),
      ORKA_URL: url,
      ORKA_SEED_EXAMPLES: "0",
      ORKA_AUTH_SECRET: randomBytes(32).toString("base64url"),
      ORKA_SECRETS_KEY: randomBytes(32).toString("base64"),
      // The bench drives one token far past the default per-token limit (1,000 per 10 s) on purpose.
      ORKA_WEBHOOK_RATE_LIMIT: baseEnv.ORKA_WEBHOOK_RATE_LIMIT ?? "off",
    };
    await capture(process.execPath, ["--import", "tsx", "scripts/prepare-database.ts"], env, { mustSucceed: true });
    const profile = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    // With workers the server runs no engine: it starts runs for them and waits on their events.
    const serverEnv = options.workers > 0 ? { ...env, ORKA_ENGINE: "off" } : env;
    const server = spawn(process.execPath, [...profile, ...serverCommand, "--hostname", "127.0.0.1", "--port", String(port)], { cwd: repoRoot, env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
    children.push(server);
    const log = keepTail(server);
    await waitUntilServing(url, server, log);
    for (let index = 0; index < options.workers; index++) {
      children.push(spawn(process.execPath, [...profile, path.join(repoRoot, "bin/orka"), "worker", "--db", database.url], { cwd: repoRoot, env, stdio: "ignore" }));
    }
    const session = await signUpOwner(url);
    return { url, session, pids: () => children.map((child) => child.pid!).filter(Boolean), databasePids: database.backendPids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitUntilServing(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/sign-up`, { signal: AbortSignal.timeout(5_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer at ${url} within 120 s:\n${log()}`);
}

/** SIGINT first: Node writes a `--cpu-prof` profile only when the process exits by itself. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function keepTail(child: ChildProcess): () => string {
  let tail = "";
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => tail;
}

function capture(command: string, args: string[], env: NodeJS.ProcessEnv, { mustSucceed = false } = {}): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (mustSucceed && code !== 0) reject(new Error(`${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`));
      else resolve({ code, stdout, output });
    });
  });
}
