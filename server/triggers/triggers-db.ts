import type { PrismaClient } from "@/prisma/generated/sqlite/client";
import type { Db } from "@/server/db/create-prisma-client";

/**
 * The app's Prisma client with the trigger models. `Db` (server/db/create-prisma-client.ts) picks
 * the delegates the app may call and does not list these yet; the object behind it is the whole
 * generated client, so they are there at run time. Drop this once `Db` names them.
 */
export type TriggersDb = Db & Pick<PrismaClient, "workflowWebhook" | "schedule" | "apiKey" | "$executeRaw">;

export function triggersDb(db: Db): TriggersDb {
  return db as TriggersDb;
}
