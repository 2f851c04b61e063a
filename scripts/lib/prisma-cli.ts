import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = path.join(repoRoot, "node_modules/prisma/build/index.js");

export interface PrismaCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the Prisma CLI with the project's config (prisma/config.ts) against `databaseUrl`, which
 * also selects the provider's schema and migrations. Resolves with the exit code and the output
 * whatever the code: callers decide what a code means (`migrate diff --exit-code` exits 2 on a diff).
 */
export function runPrismaCli(args: readonly string[], { databaseUrl }: { databaseUrl: string }): Promise<PrismaCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args, "--config", "prisma/config.ts"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_DATASOURCE_URL: "", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
