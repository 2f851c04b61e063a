import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "../../prisma/generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "../../prisma/generated/sqlite/client";
import type { DatabaseTarget } from "./database-url";
import { serialiseConnection, withSetupScript } from "./serialised-adapter";
import { walAutocheckpointPages } from "./sqlite";
import { refuseOuterClientInCallbacks } from "./transaction-scope";

export type DbProvider = DatabaseTarget["provider"];

/**
 * What the app calls on Prisma. The two generated clients have the same models but their types
 * do not unify (a union does not type-check in calls), so the app is typed against the SQLite
 * client's delegates, the portable subset: PostgreSQL-only options such as `mode` are absent.
 */
export type Db = Pick<
  SqlitePrismaClient,
  | "user"
  | "team"
  | "membership"
  | "workflow"
  | "workflowVersion"
  | "stepPin"
  | "run"
  | "stepRun"
  | "runEvent"
  | "workflowWebhook"
  | "schedule"
  | "apiKey"
  | "session"
  | "account"
  | "verification"
  | "rateLimit"
  | "teamInvite"
  | "template"
  | "templateVersion"
  | "templateTag"
  | "auditEvent"
  | "teamSecret"
  | "eventOutbox"
  | "eventSubscription"
  | "eventDelivery"
  | "runCommand"
  | "engineLease"
  | "$transaction"
  | "$executeRaw"
  | "$queryRaw"
  | "$disconnect"
>;

/**
 * A Prisma client on the database named by `target`, through the JS driver adapters (no binary
 * engine). Inside a `$transaction` callback every query must go through its `tx` argument: one
 * through the outer client throws `OuterClientInTransactionError`.
 */
export function createPrismaClient(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    // busy timeout: the engine writes the same file through its own better-sqlite3 connection.
    // The checkpoint threshold of the engine's connection: at SQLite's default, each publishing turn's
    // COMMIT here copied the WAL back into the file (~6% of a busy server's time in a profile).
    const connection = withSetupScript(new PrismaBetterSQLite3({ url: target.filename, timeout: 5000 }), `PRAGMA wal_autocheckpoint = ${walAutocheckpointPages}`);
    const adapter = serialiseConnection(connection);
    return refuseOuterClientInCallbacks(new SqlitePrismaClient({ adapter }));
  }
  const client: unknown = refuseOuterClientInCallbacks(new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) }));
  return client as Db;
}
