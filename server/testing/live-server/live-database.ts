import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createPostgresTestDatabase } from "../postgres-test-db";
import { eventually } from "./eventually";

export type LiveProvider = "sqlite" | "postgres";

/** Tables a test may count directly; the list keeps table names out of string-built SQL. */
export const countedTables = ["users", "accounts", "sessions", "memberships", "team_invites", "workflows", "runs", "step_runs", "run_events", "audit_events", "idempotency_keys"] as const;
export type CountedTable = (typeof countedTables)[number];

export interface LiveRunEvent {
  seq: number;
  type: string;
  stepId: string | null;
  payload: Record<string, unknown>;
  /** When the engine recorded it (its own clock). */
  at: Date;
}

/** A run's or a step's row as a test reads it: JSON columns parsed. */
export interface LiveRunRow {
  status: string;
  output: unknown;
  error: { kind: string; message: string } | null;
}

/**
 * The database a live server runs on, read directly by the test: empty when made (the server
 * migrates and seeds it on start), kept across restarts, removed by `drop()`.
 */
export interface LiveDatabase {
  provider: LiveProvider;
  /** The server's `DATABASE_URL`. */
  url: string;
  /** For SQLite, the database file (to open a `SqliteRunStore` on it while the server is down). */
  filename: string | null;
  /** Rows of a read-only query; `?` placeholders on both providers. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  count(table: CountedTable): Promise<number>;
  /** The first column of the first row as a number: `SELECT count(*) FROM runs WHERE …`. */
  number(sql: string, params?: unknown[]): Promise<number>;
  /** Every counted table at once: what "nothing else changed" compares. */
  counts(): Promise<Record<CountedTable, number>>;
  runStatus(runId: string): Promise<string | null>;
  /** The run's status, output and error; null when there is no such run. */
  readRun(runId: string): Promise<LiveRunRow | null>;
  /** A step row's status, output and error; null when there is no such step. */
  readStep(runId: string, stepId: string): Promise<LiveRunRow | null>;
  runEvents(runId: string): Promise<LiveRunEvent[]>;
  stepStatus(runId: string, stepId: string): Promise<string | null>;
  /** Resolves with the run's status once it is one of `statuses` (a committed state, read every 50 ms). */
  waitForRunStatus(runId: string, statuses: string[], timeoutMs?: number): Promise<string>;
  waitForStepStatus(runId: string, stepId: string, statuses: string[], timeoutMs?: number): Promise<string>;
  /** Closes the test's connection and removes the database. */
  drop(): Promise<void>;
}

/** A fresh, empty database; null (after printing why) when `provider` is PostgreSQL and no server answers. */
export async function createLiveDatabase(provider: LiveProvider): Promise<LiveDatabase | null> {
  if (provider === "sqlite") {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-live-"));
    const filename = path.join(folder, "orka.db");
    return liveDatabase(provider, `file:${filename}`, filename, sqliteQuery(filename), () => fs.rmSync(folder, { recursive: true, force: true }));
  }
  const created = await createPostgresTestDatabase({ migrated: false });
  if (!created) return null;
  return liveDatabase(provider, created.url, null, postgresQuery(created.url), created.drop);
}

interface Querier {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function liveDatabase(provider: LiveProvider, url: string, filename: string | null, querier: Querier, remove: () => void | Promise<void>): LiveDatabase {
  const query = <T>(sql: string, params: unknown[] = []) => querier.query<T>(sql, params);
  const count = async (table: CountedTable) => {
    if (!countedTables.includes(table)) throw new Error(`not a counted table: ${table}`);
    const [row] = await query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(row!.n);
  };
  return {
    provider,
    url,
    filename,
    query,
    count,
    async number(sql, params) {
      const [row] = await query<Record<string, unknown>>(sql, params);
      return Number(Object.values(row ?? {})[0]);
    },
    async counts() {
      const values = await Promise.all(countedTables.map(count));
      return Object.fromEntries(countedTables.map((table, index) => [table, values[index]!])) as Record<CountedTable, number>;
    },
    async runStatus(runId) {
      const [row] = await query<{ status: string }>("SELECT status FROM runs WHERE id = ?", [runId]);
      return row?.status ?? null;
    },
    async readRun(runId) {
      const [row] = await query<StoredRow>("SELECT status, output, error FROM runs WHERE id = ?", [runId]);
      return row ? parsedRow(row) : null;
    },
    async readStep(runId, stepId) {
      const [row] = await query<StoredRow>("SELECT status, output, error FROM step_runs WHERE run_id = ? AND step_id = ?", [runId, stepId]);
      return row ? parsedRow(row) : null;
    },
    async runEvents(runId) {
      const rows = await query<{ seq: number | string; type: string; step_id: string | null; payload: string | Record<string, unknown>; at: string | Date }>(
        "SELECT seq, type, step_id, payload, at FROM run_events WHERE run_id = ? ORDER BY seq",
        [runId],
      );
      return rows.map((row) => ({ seq: Number(row.seq), type: row.type, stepId: row.step_id, payload: parsedJson(row.payload) as Record<string, unknown>, at: new Date(row.at) }));
    },
    async stepStatus(runId, stepId) {
      const [row] = await query<{ status: string }>("SELECT status FROM step_runs WHERE run_id = ? AND step_id = ?", [runId, stepId]);
      return row?.status ?? null;
    },
    waitForRunStatus(runId, statuses, timeoutMs) {
      return eventually(() => this.runStatus(runId), (status) => !!status && statuses.includes(status), { what: `run ${runId}`, timeoutMs }) as Promise<string>;
    },
    waitForStepStatus(runId, stepId, statuses, timeoutMs) {
      return eventually(() => this.stepStatus(runId, stepId), (status) => !!status && statuses.includes(status), { what: `step ${stepId} of run ${runId}`, timeoutMs }) as Promise<string>;
    },
    async drop() {
      await querier.close();
      await remove();
    },
  };
}

interface StoredRow {
  status: string;
  output: unknown;
  error: unknown;
}

/** JSON columns are text on SQLite and may be parsed already on PostgreSQL. */
function parsedJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

function parsedRow(row: StoredRow): LiveRunRow {
  return { status: row.status, output: row.output === null ? null : parsedJson(row.output), error: row.error === null ? null : (parsedJson(row.error) as LiveRunRow["error"]) };
}

/** Opened on first use (the file exists once the server migrated it), read-only: the server owns writing. */
function sqliteQuery(filename: string): Querier {
  let db: Database.Database | null = null;
  return {
    async query<T>(sql: string, params: unknown[]) {
      if (!db) {
        if (!fs.existsSync(filename)) throw new Error(`${filename} does not exist yet: start the server first`);
        db = new Database(filename, { readonly: true, timeout: 5_000 });
      }
      return db.prepare(sql).all(...params) as T[];
    },
    async close() {
      db?.close();
    },
  };
}

function postgresQuery(url: string): Querier {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined); // a connection ended by drop() or a server restart
  return {
    async query<T>(sql: string, params: unknown[]) {
      let index = 0;
      const numbered = sql.replace(/\?/g, () => `$${++index}`);
      return (await pool.query(numbered, params)).rows as T[];
    },
    close: () => pool.end(),
  };
}
