import type { SecretResolver } from "../../engine/index";
import type { Db } from "../db/create-prisma-client";
import { parseDatabaseUrl } from "../db/database-url";
import { teamSecretResolver } from "./team-secret-resolver";

/**
 * A `SecretResolver` on the database at `databaseUrl` for a process that has no Prisma client of
 * its own (the CLI resuming the app's runs). The client is created on the first lookup only, so an
 * engine that never meets `$secrets` never opens it; `close()` disconnects it if it was opened.
 */
export function openTeamSecretResolver(databaseUrl: string): { resolver: SecretResolver; close(): Promise<void> } {
  let opened: Promise<Db> | null = null;
  const open = () =>
    (opened ??= import("../db/create-prisma-client").then(({ createPrismaClient }) => createPrismaClient(parseDatabaseUrl(databaseUrl))));
  return {
    resolver: { resolve: async (teamId, names) => teamSecretResolver(await open()).resolve(teamId, names) },
    async close() {
      if (opened) await (await opened).$disconnect();
    },
  };
}
