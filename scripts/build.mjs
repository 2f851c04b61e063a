// `npm run build`: generate both Prisma clients, then `next build`.
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, runNode } from "./lib/run.mjs";

try {
  await ensurePrismaClients();
  await runNode(bins.next, ["build"]);
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
