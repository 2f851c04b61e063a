// `npm run build`: generate both Prisma clients and the expression evaluator, then `next build`.
import { ensureEvaluatorBundle } from "./lib/evaluator-bundle.mjs";
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, runNode } from "./lib/run.mjs";

try {
  await ensurePrismaClients();
  await ensureEvaluatorBundle();
  await runNode(bins.next, ["build"]);
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
