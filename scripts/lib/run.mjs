import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Package binaries run by node directly (not via npx: no npm → sh layers between us and the process). */
export const bins = {
  next: path.join(repoRoot, "node_modules/next/dist/bin/next"),
  prisma: path.join(repoRoot, "node_modules/prisma/build/index.js"),
  tsc: path.join(repoRoot, "node_modules/typescript/bin/tsc"),
  eslint: path.join(repoRoot, "node_modules/eslint/bin/eslint.js"),
  vitest: path.join(repoRoot, "node_modules/vitest/vitest.mjs"),
  playwright: path.join(repoRoot, "node_modules/@playwright/test/cli.js"),
};

export const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** Runs `node <script> ...args` in the repo with inherited output; rejects unless it exits 0. */
export function runNode(script, args = [], { env = baseEnv, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: repoRoot, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(script)} ${args.join(" ")} ${signal ? `was killed by ${signal}` : `exited with ${code}`}`));
    });
  });
}

/** Runs a TypeScript script through tsx. */
export function runTypeScript(script, { env = baseEnv } = {}) {
  return runNode(path.join(repoRoot, script), [], { env, nodeArgs: ["--import", "tsx"] });
}

export function formatDuration(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
