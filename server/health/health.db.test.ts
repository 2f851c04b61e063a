import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../db/database-url";
import { setEnginePhase } from "../engine-host/engine-phase";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { databaseAnswers } from "./database-check";
import { checkHealth } from "./health";

const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase({ migrated: false });
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-health-test-"));
afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** A port that accepts connections and never answers: a database that hangs. */
async function silentPort(): Promise<{ port: number; close: () => void }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (sockets.forEach((socket) => socket.destroy()), server.close()) };
}

describe("the database part of /api/health", () => {
  it("answers on an SQLite file, and calls a missing one unreachable without creating it", async () => {
    expect(await databaseAnswers(parseDatabaseUrl(sqlite.url))).toBe(true);
    const missing = path.join(folder, "missing.db");
    expect(await databaseAnswers(parseDatabaseUrl(`file:${missing}`))).toBe(false);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it.skipIf(!postgres)("answers on PostgreSQL", async () => {
    expect(await databaseAnswers(parseDatabaseUrl(postgres!.url))).toBe(true);
  });

  it("calls a PostgreSQL server that accepts the connection but never answers unreachable, once its timeout passed", async () => {
    const hanging = await silentPort();
    try {
      expect(await databaseAnswers(parseDatabaseUrl(`postgres://postgres@127.0.0.1:${hanging.port}/orka`))).toBe(false);
    } finally {
      hanging.close();
    }
  });
});

describe("checkHealth", () => {
  const withDatabase = async (url: string, check: () => Promise<void>) => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      await check();
    } finally {
      process.env.DATABASE_URL = before;
    }
  };

  it("is 200 while the engine starts, recovers or runs, 503 when it failed or the database does not answer", async () => {
    await withDatabase(sqlite.url, async () => {
      for (const phase of ["starting", "recovering", "running"] as const) {
        setEnginePhase(phase);
        expect(await checkHealth()).toEqual({ httpStatus: 200, report: { status: "ok", engine: phase, engineMode: "embedded", database: "ok" } });
      }
      setEnginePhase("failed");
      expect(await checkHealth()).toEqual({ httpStatus: 503, report: { status: "error", engine: "failed", engineMode: "embedded", database: "ok" } });
      setEnginePhase("stopping");
      expect(await checkHealth()).toEqual({ httpStatus: 503, report: { status: "error", engine: "stopping", engineMode: "embedded", database: "ok" } });
      process.env.ORKA_ENGINE = "off";
      setEnginePhase("running");
      try {
        expect(await checkHealth()).toEqual({ httpStatus: 200, report: { status: "ok", engine: "running", engineMode: "off", database: "ok" } });
      } finally {
        delete process.env.ORKA_ENGINE;
      }
    });
    await withDatabase(`file:${path.join(folder, "gone.db")}`, async () => {
      setEnginePhase("running");
      expect(await checkHealth()).toEqual({ httpStatus: 503, report: { status: "error", engine: "running", engineMode: "embedded", database: "unreachable" } });
    });
  });
});
