// The expression evaluator's child process (engine/expressions/isolated/child.ts) as one CommonJS
// file, generated/expression-evaluator.cjs (git-ignored): the server forks it by path, and Next
// bundles the server's own code, so the child cannot be a TypeScript file found next to it.
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./run.mjs";

const entryPoint = "engine/expressions/isolated/child.ts";
export const evaluatorBundle = path.join(repoRoot, "generated/expression-evaluator.cjs");

/**
 * Bundles the child with esbuild (~0.1 s). The file is rewritten only when its content changed,
 * through a temporary file and a rename, so a server or test starting meanwhile reads it whole.
 */
export async function ensureEvaluatorBundle() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [entryPoint],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "warning",
    legalComments: "none",
    banner: { js: `// Generated from ${entryPoint} by scripts/lib/evaluator-bundle.mjs: do not edit.` },
  });
  const text = result.outputFiles[0].text;
  if (readIfExists(evaluatorBundle) === text) return evaluatorBundle;
  fs.mkdirSync(path.dirname(evaluatorBundle), { recursive: true });
  const temporary = `${evaluatorBundle}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, evaluatorBundle);
  return evaluatorBundle;
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
