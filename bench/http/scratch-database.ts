// A fresh, empty database for one Orka server of the benchmark: a SQLite file in a temporary
// folder, or a scratch database created on a PostgreSQL server and dropped afterwards.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type DatabaseChoice = { kind: "sqlite" } | { kind: "postgres"; serverUrl: string };

export interface ScratchDatabase {
  /** `DATABASE_URL` for Orka. */
  url: string;
  /**
   * PostgreSQL on this machine: the server processes (backends) connected to this database, whose
   * CPU is the database's share of a run. Null for SQLite (in the server process) or a remote server.
   */
  backendPids: (() => Promise<number[]>) | null;
  drop(): Promise<void>;
}

/** `--db`: nothing or "sqlite" for SQLite, a `postgres://` URL for a server to create scratch databases on. */
export function parseDatabaseChoice(value: string | undefined): DatabaseChoice {
  if (!value || value === "sqlite") return { kind: "sqlite" };
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", serverUrl: value };
  throw new Error(`--db is "sqlite" or a postgres:// URL, not ${value}`);
}

export function describeDatabase(choice: DatabaseChoice): string {
  if (choice.kind === "sqlite") return "SQLite (a fresh file per server)";
  const url = new URL(choice.serverUrl);
  return `PostgreSQL at ${url.host} (a scratch database per server)`;
}

export async function createScratchDatabase(choice: DatabaseChoice): Promise<ScratchDatabase> {
  if (choice.kind === "sqlite") {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-peer-bench-"));
    return { url: `file:${path.join(folder, "orka.db")}`, backendPids: null, drop: async () => fs.rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `orka_bench_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await onServer(choice.serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(choice.serverUrl);
  url.pathname = `/${name}`;
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  return {
    url: url.toString(),
    backendPids: local
      ? () => onServer(choice.serverUrl, async (admin) => (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [name])).rows.map((row) => row.pid))
      : null,
    // FORCE ends the connections a server that did not exit cleanly may have left.
    drop: () => onServer(choice.serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function onServer<T>(serverUrl: string, use: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.end();
  }
}
