import type { Db } from "@/server/db/create-prisma-client";

/**
 * What the team functions run on: the app's client or a Prisma transaction client (which has no
 * `$transaction`), so sign-up can accept an invite inside its own transaction.
 */
export type TeamsDb = Omit<Db, "$transaction" | "$disconnect"> & { $transaction?: Db["$transaction"] };

/** Runs `work` in a new transaction, or inside the caller's when `db` already is a transaction client. */
export function inTransaction<T>(db: TeamsDb, work: (tx: TeamsDb) => Promise<T>): Promise<T> {
  return db.$transaction ? db.$transaction((tx) => work(tx)) : work(db);
}
