import { afterAll, beforeAll } from "vitest";
import { createLiveDatabase, type LiveDatabase } from "./live-database";
import { startLiveServer, type LiveServer, type LiveServerOptions } from "./live-server";
import { signUpOwner, type LiveSession } from "./live-session";

/**
 * A fresh, empty SQLite and PostgreSQL database as `[name, database]` rows for `describe.each`;
 * PostgreSQL's is null (after printing why) when no server answers, and its tests skip.
 */
export async function createLiveDatabases() {
  return [
    ["SQLite", await createLiveDatabase("sqlite")],
    ["PostgreSQL", await createLiveDatabase("postgres")],
  ] as const;
}

export interface LiveWorld {
  server: LiveServer;
  owner: LiveSession;
}

/**
 * One server for the tests of the enclosing `describe`: before them, a server on `database` with
 * its owner signed up, handed to `ready` (which keeps them and may set up more); after them, the
 * server stopped. Nothing starts when `database` is null.
 *
 * @example
 * describe.each(await createLiveDatabases())("floods on %s", (_name, database) => {
 *   let server: LiveServer;
 *   let owner: LiveSession;
 *   useLiveServer(database, { env: { ORKA_WEBHOOK_RATE_LIMIT: "10/60s" } }, (live) => {
 *     ({ server, owner } = live);
 *   });
 *   it.skipIf(!database)("…", async () => { … });
 * });
 */
export function useLiveServer(database: LiveDatabase | null, options: Omit<LiveServerOptions, "database">, ready: (world: LiveWorld) => void | Promise<void>): void {
  let server: LiveServer | null = null;
  beforeAll(async () => {
    if (!database) return;
    server = (await startLiveServer({ ...options, database }))!;
    await ready({ server, owner: await signUpOwner(server) });
  });
  afterAll(async () => {
    await server?.stop();
  });
}
