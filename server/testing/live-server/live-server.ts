import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { freePort } from "../../../scripts/lib/free-port.mjs";
import type { HealthReport } from "../../health/health";
import { eventually } from "./eventually";
import { createLiveDatabase, type LiveDatabase, type LiveProvider } from "./live-database";
import { ServerOutput } from "./server-output";
import { warmUp } from "./warm-up";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const startTimeoutMs = 120_000;
const stopTimeoutMs = 15_000;
/** What scripts/start.mjs prints once the server answers. */
const startAnnouncement = "Orka is running at";

export interface LiveServerOptions {
  /** A fresh database of this provider, or one made beforehand with `createLiveDatabase` (to skip on null). */
  database: LiveProvider | LiveDatabase;
  /** Extra environment for the server (limits, allow-lists); kept across restarts unless replaced there. */
  env?: Record<string, string>;
  /** Install the built-in example workflows (default: no, the team starts empty). */
  seedExamples?: boolean;
}

export interface HealthAnswer {
  status: number;
  body: HealthReport | null;
  ms: number;
}

/**
 * `answering`: /api/health answers at all (the engine may still be recovering, Next still loading);
 * `running`: the engine runs and every API route has been loaded once (see warm-up.ts).
 */
export type Readiness = "answering" | "running";

export interface RestartOptions {
  /** SIGTERM (default) lets Next shut down; SIGKILL is a crash. */
  signal?: "SIGTERM" | "SIGKILL";
  /** Replaces the environment overrides for the new process. */
  env?: Record<string, string>;
  /** `running` (default): wait until the engine runs; `answering`: until /api/health answers at all. */
  until?: Readiness;
}

/**
 * A production server (`node scripts/start.mjs --no-build`, so `next build` must have run) on its
 * own fresh database and free port: the real thing the attack tests aim at.
 *
 * @example
 * const server = await startLiveServer({ database: "sqlite" });
 * afterAll(() => server?.stop());
 */
export class LiveServer {
  readonly url: string;
  readonly output = new ServerOutput();
  private process: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    readonly database: LiveDatabase,
    private env: Record<string, string>,
    private readonly seedExamples: boolean,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Null (after printing why) when PostgreSQL was asked for and no server answers; throws under CI. */
  static async create(options: LiveServerOptions, until: Readiness = "running"): Promise<LiveServer | null> {
    const database = typeof options.database === "string" ? await createLiveDatabase(options.database) : options.database;
    if (!database) return null;
    const server = new LiveServer(await freePort(), database, options.env ?? {}, options.seedExamples ?? false);
    try {
      await server.start(until);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** One `GET /api/health`, timed; a network error or a 10 s silence is thrown. */
  async health(): Promise<HealthAnswer> {
    const started = performance.now();
    const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json().catch(() => null)) as HealthReport | null;
    return { status: response.status, body, ms: performance.now() - started };
  }

  /** Resolves once `/api/health` says the engine runs (or answers at all, with `answering`); loads no route. */
  async waitUntil(until: Readiness, timeoutMs = startTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.isRunning()) throw this.failure("the server exited before it was ready");
      const answer = await this.health().catch(() => null);
      if (answer && (until === "answering" || answer.body?.engine === "running")) return;
      if (answer?.body?.engine === "failed") throw this.failure(`the engine failed to start: ${JSON.stringify(answer.body)}`);
      if (Date.now() > deadline) throw this.failure(`not ${until} after ${timeoutMs / 1000} s (last answer: ${JSON.stringify(answer)})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops the server (SIGTERM, or SIGKILL as a crash) and starts it again on the same database and port. */
  async restart({ signal = "SIGTERM", env, until = "running" }: RestartOptions = {}): Promise<void> {
    await this.halt(signal);
    if (env) this.env = env;
    await this.start(until);
  }

  /** Stops the server and removes its database. */
  async stop(): Promise<void> {
    await this.halt("SIGTERM");
    await this.database.drop();
  }

  /** An Error carrying the server's recent output, for a failure message that says what happened. */
  failure(message: string): Error {
    return new Error(`${message}\n--- server output (last lines) ---\n${this.output.tail()}`);
  }

  /** Starts the server process (after `halt`: on the same database and port); resolves once `until` holds. */
  async start(until: Readiness = "running"): Promise<void> {
    if (this.isRunning()) throw new Error("the server is running already");
    this.output.mark(`start on ${this.database.provider}`);
    // Its own process group: start.mjs runs tsx, then Next; a crash must take all of them down at once.
    const child = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], { cwd: repoRoot, env: this.serverEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.process = child;
    child.stdout!.on("data", (chunk: Buffer) => this.output.add(chunk));
    child.stderr!.on("data", (chunk: Buffer) => this.output.add(chunk));
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    killOnExit.add(child);
    void this.exited.then(() => killOnExit.delete(child));
    const started = Date.now();
    const from = this.output.position();
    await this.waitUntil(until);
    // start.mjs requests / and /sign-in once the server listens, to print how to sign in: loading
    // those pages takes the main thread for a while, so the server is ready only once it printed that.
    await eventually(async () => this.output.since(from).includes(startAnnouncement), (printed) => printed || !this.isRunning(), { what: "start.mjs announcing the server" });
    this.output.mark(`${until} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (until === "running") {
      await this.warmUp();
      this.output.mark(`API routes loaded after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }

  /** Loads every API route once (what `start()` does before it resolves `running`); see warm-up.ts. */
  warmUp(): Promise<void> {
    return warmUp(this.url, repoRoot);
  }

  private serverEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Not the test runner's: NODE_ENV=test and Vitest's variables would change how Next behaves.
    for (const name of Object.keys(env)) if (/^(NODE_OPTIONS|NODE_ENV|VITEST.*|TEST)$/.test(name)) delete env[name];
    return {
      ...env,
      DATABASE_URL: this.database.url,
      HOST: "127.0.0.1",
      PORT: String(this.port),
      ORKA_SEED_EXAMPLES: this.seedExamples ? "1" : "0",
      ORKA_AUTH_SECRET: "live-server-auth-secret-0123456789-0123456789",
      ORKA_SECRETS_KEY: "bGl2ZS1zZXJ2ZXItc2VjcmV0cy1rZXktMDEyMzQ1Njc=",
      NEXT_TELEMETRY_DISABLED: "1",
      ORKA_PRELOAD_ROUTES: "0", // see warm-up.ts
      ...this.env,
    };
  }

  /** The process id of the server's process tree (`start.mjs`, with `next start` under it), or null when it is down. */
  get pid(): number | null {
    return this.isRunning() ? this.process!.pid! : null;
  }

  isRunning(): boolean {
    return !!this.process && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Stops the server process, keeping its database: SIGTERM lets Next shut down, SIGKILL is a crash. */
  async halt(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.process;
    if (!child || !this.isRunning()) return;
    this.output.mark(`${signal}`);
    // SIGTERM goes to start.mjs, which hands it to Next and exits with it; SIGKILL to the whole group.
    if (signal === "SIGKILL") killGroup(child, "SIGKILL");
    else child.kill("SIGTERM");
    const stopped = await Promise.race([this.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), stopTimeoutMs))]);
    if (!stopped) {
      killGroup(child, "SIGKILL");
      await this.exited;
    }
    await portClosed(this.port);
  }
}

/** Shorthand for `LiveServer.create`. */
export const startLiveServer = (options: LiveServerOptions, until?: Readiness) => LiveServer.create(options, until);

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone already
  }
}

/** Servers still running when the test process ends (a failed `afterAll`, a crash): killed with it. */
const killOnExit = new Set<ChildProcess>();
process.once("exit", () => killOnExit.forEach((child) => killGroup(child, "SIGKILL")));

/** Resolves once nothing listens on `port`, so the next server can bind it. */
async function portClosed(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (!listening) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`port ${port} still in use 10 s after the server stopped`);
}
