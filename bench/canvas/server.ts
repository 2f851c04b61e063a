// Starts the existing production build on a free port with a fresh SQLite database, as
// playwright.config.ts does, signs up the bench owner (the first person: owner of the first team),
// and stops the server again (on success, failure and Ctrl-C alike).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/free-port.mjs";

export interface OrkaServer {
  url: string;
  /** The bench owner's session cookie (HttpOnly, SameSite=Lax: the browser sends it to `url`'s host only). */
  session: { name: string; value: string };
  stop(): Promise<void>;
}

const owner = { name: "Bench Owner", email: "owner@bench.test", password: "bench owner password" };
const sessionCookie = "better-auth.session_token";

/** The `cookie` request header that signs a request in as the bench owner. */
export function cookieHeader(session: OrkaServer["session"]): string {
  return `${session.name}=${session.value}`;
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
      // Sign-up and tRPC POSTs are refused unless their Origin is this one.
      ORKA_URL: url,
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
    let answered = false;
    try {
      answered = (await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) })).ok;
    } catch {
      // not listening yet
    }
    if (answered) {
      const session = await signUpOwner(url).catch(async (error: unknown) => {
        await stop();
        throw error;
      });
      return { url, session, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(`the server did not answer at ${url} within 120 s:\n${log.join("").slice(-4000)}`);
}

/** Signs up through better-auth's endpoint as the app's sign-up page would (its Origin), and keeps the session cookie. */
export async function signUpOwner(url: string): Promise<OrkaServer["session"]> {
  const response = await fetch(`${url}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify(owner),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`sign-up of the bench owner: ${response.status} ${await response.text()}`);
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const equals = pair.indexOf("=");
    if (pair.slice(0, equals).trim() === sessionCookie) return { name: sessionCookie, value: pair.slice(equals + 1).trim() };
  }
  throw new Error(`sign-up of the bench owner set no ${sessionCookie} cookie`);
}
