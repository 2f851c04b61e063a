// `npm run build`: generate both Prisma clients and the sandbox bundle, then `next build`.
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, runNode } from "./lib/run.mjs";
import { ensureSandboxBundle } from "./lib/sandbox-bundle.mjs";

try {
  await ensurePrismaClients();
  await ensureSandboxBundle();
  await runNode(bins.next, ["build"]);
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
