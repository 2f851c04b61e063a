// Everything the sources need that git does not hold, besides the Prisma clients: the code-step
// sandbox (engine/sandbox/generated/sources.ts) and the expression evaluator's child process
// (generated/expression-evaluator.cjs), both bundled from TypeScript with esbuild.
import { ensureEvaluatorBundle } from "./evaluator-bundle.mjs";
import { ensureSandboxBundle } from "./sandbox-bundle.mjs";

/** Builds what is missing or stale; `force` rebuilds both. */
export async function ensureGeneratedCode({ force = false } = {}) {
  await ensureSandboxBundle({ force });
  await ensureEvaluatorBundle();
}
