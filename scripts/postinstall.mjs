// `npm install` ends here: everything a fresh clone needs before `npx orka` and the tests run,
// generated from the sources. Idempotent and quick when nothing changed (~1 s).
import { buildCli } from "./lib/cli-build.mjs";
import { ensureGeneratedCode } from "./lib/generated-code.mjs";
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { formatDuration } from "./lib/run.mjs";

const started = Date.now();
try {
  // Both Prisma clients (`orka reset-password` and the server import them); skipped when up to date.
  await ensurePrismaClients();

  // The code-step sandbox and the expression evaluator, bundled from TypeScript: the CLI embeds
  // the first and forks the second, so both come before it.
  await ensureGeneratedCode();

  // Always rebuilt: the installed packages it bundles may have changed (~0.3 s).
  await buildCli();
  console.log(`orka: ready (Prisma clients, sandbox, expression evaluator, orka CLI) in ${formatDuration(Date.now() - started)}`);
} catch (error) {
  console.error(`orka postinstall: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
