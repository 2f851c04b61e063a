// What one webhook or /api/v1 rate-limit check costs per request, by counter store: this process's
// memory (the default on SQLite), SQLite through better-sqlite3 (not offered: measured to say why),
// and PostgreSQL through a pg pool (the default on PostgreSQL, shared by every server). Each check
// is rate-limiter-flexible's `consume` of one point, under a limit high enough never to refuse,
// over 8 credentials, one at a time and 64 in flight.
// Run: npx tsx bench/rate-limit.bench.ts   (PostgreSQL part needs DATABASE_URL_PG or a local server)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createPostgresTestDatabase } from "../server/testing/postgres-test-db";

const checks = Number(process.env.BENCH_CHECKS ?? 20_000);
const never = { points: 1e9, duration: 10 };
const credentials = Array.from({ length: 8 }, (_, i) => `webhook:${i}`);

async function measure(store: string, limiter: RateLimiterAbstract, inFlight: number): Promise<void> {
  for (let i = 0; i < 500; i++) await limiter.consume(credentials[i % credentials.length]!);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < checks) await limiter.consume(credentials[next++ % credentials.length]!);
    }),
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const perCheck = (micros: number) => (micros / checks).toFixed(1).padStart(8);
  console.log(`${store.padEnd(32)} ${String(inFlight).padStart(9)} ${perCheck(wallMs * 1000)} ${perCheck(cpu.user + cpu.system)} ${String(Math.round(checks / (wallMs / 1000))).padStart(10)}`);
}

console.log(`rate-limit checks, ${checks} per cell, ${os.cpus().length} cores\n`);
console.log(`${"store".padEnd(32)} ${"in flight".padStart(9)} ${"wall µs".padStart(8)} ${"CPU µs".padStart(8)} ${"checks/s".padStart(10)}`);
for (const inFlight of [1, 64]) await measure("memory", new RateLimiterMemory(never), inFlight);

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-rate-limit-"));
const sqlite = new Database(path.join(folder, "limits.db"));
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
const sqliteLimiter = new RateLimiterSQLite({ ...never, storeClient: sqlite, storeType: "better-sqlite3", tableName: "limits" });
await new Promise((resolve) => setTimeout(resolve, 100)); // its table is created asynchronously
for (const inFlight of [1, 64]) await measure("SQLite (better-sqlite3, WAL)", sqliteLimiter, inFlight);
sqlite.close();
fs.rmSync(folder, { recursive: true, force: true });

const database = await createPostgresTestDatabase();
if (database) {
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const pgLimiter = new RateLimiterPostgres({ ...never, storeClient: pool, storeType: "pool", tableName: "request_rate_limits", tableCreated: true });
  for (const inFlight of [1, 64]) await measure("PostgreSQL (pool of 4)", pgLimiter, inFlight);
  await pool.end();
  await database.drop();
}
