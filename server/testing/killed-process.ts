// The kit of the SIGKILL crash tests: start `orka run` (or a test script) as a child process, kill
// it, start another on the same database, and read what each printed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
/** A child still running after this is killed, so a hang fails its test instead of outliving it. */
const killAfterMs = 60_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  exited: Promise<Exit>;
}

/** `node <args>` from the repository root, without the test runner's NODE_OPTIONS. */
function spawnNode(args: string[], env: Record<string, string> = {}): Started & { stderr(): string } {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, args, { cwd: root, env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const guard = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const exited = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited, stderr: () => stderr };
}

/**
 * Spawns `node bin/orka …`: the node process is the CLI itself, so killing it kills the CLI. Test
 * servers listen on 127.0.0.1, which http steps may reach only when ORKA_HTTP_ALLOW opens it.
 * `runId` resolves once the CLI prints "[orka] run <id> started", and rejects if it exits first.
 */
export function startOrka(args: string[]): Started & { runId: Promise<string> } {
  const started = spawnNode(["bin/orka", ...args], { ORKA_HTTP_ALLOW: "127.0.0.1" });
  let foundRunId!: (runId: string) => void;
  const runId = new Promise<string>((resolve) => (foundRunId = resolve));
  started.child.stderr!.on("data", () => {
    const match = /\[orka\] run (\S+) started/.exec(started.stderr());
    if (match) foundRunId(match[1]!);
  });
  const failedEarly = started.exited.then((exit) => {
    throw new Error(`orka ${args[0]} exited (${exit.code ?? exit.signal}) before starting a run:\n${exit.stderr}`);
  });
  const runIdOrExit = Promise.race([runId, failedEarly]);
  runIdOrExit.catch(() => {}); // `resume` never starts a run: its early "failure" is expected, not unhandled
  return { child: started.child, exited: started.exited, runId: runIdOrExit };
}

/** Runs a TypeScript test script, `node --import tsx <script> <db> <args…>`, to its end (or its SIGKILL). */
export function runScript(script: string, db: string, args: string[]): Promise<Exit> {
  return spawnNode(["--import", "tsx", script, db, ...args]).exited;
}

/** A temporary folder for one test file (definitions, markers), removed after all its tests. */
export function createScratchFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes `definition` as a JSON file with a unique name in `folder` and returns its path. */
export function writeDefinitionFile(folder: string, prefix: string, definition: object): string {
  const file = path.join(folder, `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

export interface RecordedRequest {
  path: string | undefined;
  key: string | string[] | undefined;
}

/**
 * An http server on 127.0.0.1 that answers `{ path }` at once, except the first request for
 * `heldPath`, which it holds open until closed: the step that sent it is in flight when the kill
 * comes. It records each request's path and Idempotency-Key header.
 */
export async function startHoldingServer(heldPath = "/slow") {
  const requests: RecordedRequest[] = [];
  const held: http.ServerResponse[] = [];
  let heldArrived!: () => void;
  const heldReceived = new Promise<void>((resolve) => (heldArrived = resolve));
  const server = http.createServer((request, response) => {
    requests.push({ path: request.url, key: request.headers["idempotency-key"] });
    if (request.url === heldPath && held.length === 0) {
      held.push(response);
      heldArrived();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    heldReceived: () => withTimeout(heldReceived, 30_000, `the server never received ${heldPath}`),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
