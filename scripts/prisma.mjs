// `npm run db:generate` (`node scripts/prisma.mjs generate`): regenerate both Prisma clients.
// Other arguments go to the Prisma CLI with the project's config (provider chosen by DATABASE_URL).
import { ensurePrismaClients } from "./lib/prisma-clients.mjs";
import { bins, runNode } from "./lib/run.mjs";

const args = process.argv.slice(2);
try {
  if (args.length === 1 && args[0] === "generate") await ensurePrismaClients({ force: true });
  else await runNode(bins.prisma, [...args, "--config", "prisma/config.ts"]);
} catch (error) {
  console.error(`orka: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
