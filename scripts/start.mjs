// `npm start`: generate the Prisma clients and the bundled sandbox and evaluator code, migrate and
// seed DATABASE_URL, build when the sources changed, then serve. `--dev` serves with `next dev`;
// `--no-build` never builds (e2e servers).
import { spawn } from "node:child_process";
import path from "node:path";
import { staleBuildReason } from "./lib/build-stamp.mjs";
import { withLocalKeys } from "./lib/local-keys.mjs";
import { ensureGeneratedCode } from "./lib/generated-code.mjs";
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { baseEnv, bins, formatDuration, repoRoot, runNode, runTypeScript } from "./lib/run.mjs";
import { serverNodeFlags } from "./lib/server-node-flags.mjs";

const dev = process.argv.includes("--dev");
const noBuild = process.argv.includes("--no-build");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const url = `http://${host}:${port}`;
// Served on 127.0.0.1 without a public URL: people type localhost too, so that origin may sign in as well.
const localAlias = !baseEnv.ORKA_URL && host === "127.0.0.1" ? `http://localhost:${port}` : "";
const serverEnv = withLocalKeys({
  ...baseEnv,
  ORKA_URL: baseEnv.ORKA_URL || url,
  ORKA_TRUSTED_ORIGINS: [baseEnv.ORKA_TRUSTED_ORIGINS, localAlias].filter(Boolean).join(","),
});

try {
  await ensurePrismaClients();
  await ensureGeneratedCode();
  await runTypeScript("scripts/prepare-database.ts", { env: serverEnv });
  if (!dev) await buildIfStale();
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
serve();

async function buildIfStale() {
  const reason = staleBuildReason();
  if (!reason) return;
  if (noBuild) {
    if (reason === "no production build yet") throw new Error("no production build: run `npm run build` first");
    console.warn(`orka: serving an older build (${reason})`);
    return;
  }
  console.log(`orka: building (${reason})`);
  const started = Date.now();
  await runNode(bins.next, ["build"]);
  console.log(`orka: built in ${formatDuration(Date.now() - started)}`);
}

function serve() {
  // Production: Next behind Node's HTTP server, webhooks served past Next's routing (scripts/serve.mjs).
  const command = dev ? [bins.next, "dev"] : [...serverNodeFlags(), path.join(repoRoot, "scripts/serve.mjs")];
  const server = spawn(process.execPath, [...command, "--hostname", host, "--port", port], {
    cwd: repoRoot,
    env: serverEnv,
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  void announceWhenReady(server);
}

async function announceWhenReady(server) {
  while (server.exitCode === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return console.log(`\n  Orka is running at ${serverEnv.ORKA_URL}\n  ${await signInHint()}\n`);
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The sign-in page sends everyone to sign-up while nobody can sign in yet. */
async function signInHint() {
  const base = serverEnv.ORKA_URL;
  try {
    const response = await fetch(`${url}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
    if (response.status >= 300 && response.status < 400 && (response.headers.get("location") ?? "").includes("/sign-up"))
      return `No account yet: open ${base}/sign-up — the first person to sign up becomes owner of "My team".`;
  } catch {
    // fall through to the general hint
  }
  return `Sign in at ${base}/sign-in (new people join through an invite link from a team owner: Settings → Team).`;
}
