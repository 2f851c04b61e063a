// `npm test`: every check the project has, in order, with a summary. Exits non-zero if any failed.
// Checks that do not depend on each other all run, so one failure does not hide another;
// the end-to-end tests need the production build and are skipped without it.
import { buildCli } from "./lib/cli-build.mjs";
import { ensureGeneratedCode } from "./lib/generated-code.mjs";
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, formatDuration, runNode, runTypeScript } from "./lib/run.mjs";

const checks = [
  { name: "prisma generate (sqlite + postgres)", run: () => ensurePrismaClients({ force: true }) },
  { name: "migrations match the models (prisma migrate diff)", run: () => runTypeScript("scripts/check-migrations.ts") },
  { name: "generated code: sandbox and expression evaluator (esbuild)", run: () => ensureGeneratedCode({ force: true }) },
  { name: "orka CLI build (esbuild)", run: () => buildCli() },
  // The QuickJS driver is checked twice: with the project's globals, and with ECMAScript's only.
  { name: "typecheck (tsc --noEmit)", run: () => runNode(bins.tsc, ["--noEmit"]).then(() => runNode(bins.tsc, ["--noEmit", "-p", "engine/sandbox/driver"])) },
  { name: "lint (eslint: typescript-eslint, React hooks, import boundaries)", run: () => runNode(bins.eslint, ["."]) },
  { name: "unit and database tests (vitest)", run: () => runNode(bins.vitest, ["run"]) },
  { name: "production build (next build)", run: () => runNode(bins.next, ["build"]) },
  { name: "attacks on the running server (vitest, next start)", needs: "production build (next build)", run: () => runNode(bins.vitest, ["run", "--config", "vitest.server.config.ts"]) },
  { name: "end-to-end tests (playwright)", needs: "production build (next build)", run: () => runNode(bins.playwright, ["test"]) },
  { name: "fresh clone: npm install, orka validate/run", run: () => runNode("scripts/fresh-clone-test.mjs") },
];

const results = [];
for (const check of checks) {
  const prerequisite = check.needs && results.find((result) => result.name === check.needs);
  if (prerequisite && prerequisite.status !== "passed") {
    results.push({ name: check.name, status: "skipped", detail: `needs ${check.needs}` });
    continue;
  }
  console.log(`\n▶ ${check.name}`);
  const started = Date.now();
  try {
    await check.run();
    results.push({ name: check.name, status: "passed", ms: Date.now() - started });
  } catch (error) {
    results.push({ name: check.name, status: "failed", ms: Date.now() - started, detail: error.message });
  }
}

const marks = { passed: "✔", failed: "✘", skipped: "–" };
console.log("\nSummary");
for (const result of results) {
  const time = result.ms === undefined ? "" : ` (${formatDuration(result.ms)})`;
  console.log(`  ${marks[result.status]} ${result.name}: ${result.status}${time}${result.detail ? ` — ${result.detail}` : ""}`);
}
const failed = results.filter((result) => result.status !== "passed");
console.log(failed.length ? `\n${failed.length} of ${results.length} checks did not pass.` : `\nAll ${results.length} checks passed.`);
const count = (status) => results.filter((result) => result.status === status).length;
console.log(`checks: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`);
process.exit(failed.length ? 1 : 0);
