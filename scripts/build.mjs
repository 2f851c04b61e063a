// `npm run build`: generate both Prisma clients and the bundled sandbox and evaluator code, then `next build`.
import { ensureGeneratedCode } from "./lib/generated-code.mjs";
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, runNode } from "./lib/run.mjs";

try {
  await ensurePrismaClients();
  await ensureGeneratedCode();
  await runNode(bins.next, ["build"]);
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
