import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { MigrationFailedError, MigrationHistoryError, migratePostgres, prismaMigrateLockKey } from "@/server/db/migrate";
import { runPrismaCli } from "@/scripts/lib/prisma-cli";
import { createMigrationFolder } from "@/server/testing/migration-folder";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "@/server/testing/postgres-test-db";

const init = `CREATE TABLE "parents" ("id" TEXT NOT NULL, CONSTRAINT "parents_pkey" PRIMARY KEY ("id"));
CREATE TABLE "children" ("id" TEXT NOT NULL, "parent_id" TEXT NOT NULL, CONSTRAINT "children_pkey" PRIMARY KEY ("id"));
ALTER TABLE "children" ADD CONSTRAINT "children_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "parents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`;
const pets = `CREATE TABLE "pets" ("id" TEXT NOT NULL, CONSTRAINT "pets_pkey" PRIMARY KEY ("id"));\n`;

const probe = await createPostgresTestDatabase({ migrated: false });
const databases: PostgresTestDatabase[] = probe ? [probe] : [];
const clients: pg.Client[] = [];
const migrations = createMigrationFolder({ "1_init": init });
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await Promise.all(databases.map((database) => database.drop()));
  migrations.cleanup();
});

async function emptyDatabase(): Promise<PostgresTestDatabase> {
  const database = (await createPostgresTestDatabase({ migrated: false }))!;
  databases.push(database);
  return database;
}

async function connect(database: PostgresTestDatabase): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  clients.push(client);
  await client.connect();
  return client;
}

async function ledgerNames(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.migration_name);
}

async function tableExists(client: pg.Client, name: string): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [name]);
  return rows[0]!.exists;
}

/** Sessions of `database` other than `except` waiting for Prisma's migration lock. */
async function lockWaiters(client: pg.Client, except: number[]): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = $1 AND objsubid = 1
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [prismaMigrateLockKey],
  );
  return rows.map((row) => row.pid).filter((pid) => !except.includes(pid));
}

const backendPid = async (client: pg.Client) => (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;

describe.skipIf(!probe)("PostgreSQL migration applier", () => {
  it("refuses a migration that leaves a foreign key violation and rolls it back", async () => {
    const client = await connect(await emptyDatabase());
    const folder = createMigrationFolder({ "1_init": init });
    try {
      await migratePostgres(client, { folder: folder.folder });
      await client.query(`INSERT INTO parents VALUES ('p1'), ('p2'); INSERT INTO children VALUES ('c1', 'p1'), ('c2', 'p2')`);
      folder.write(
        "2_lossy",
        `ALTER TABLE "children" DROP CONSTRAINT "children_parent_id_fkey";
DELETE FROM "parents" WHERE "id" = 'p2';
ALTER TABLE "children" ADD CONSTRAINT "children_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "parents"("id") ON DELETE CASCADE ON UPDATE CASCADE;`,
      );

      const attempt = migratePostgres(client, { folder: folder.folder });
      await expect(attempt).rejects.toThrow(MigrationFailedError);
      await expect(attempt).rejects.toThrow(/2_lossy .* rolled back.*violates foreign key constraint "children_parent_id_fkey"/);

      expect((await client.query(`SELECT id FROM parents ORDER BY id`)).rows).toEqual([{ id: "p1" }, { id: "p2" }]);
      expect((await client.query(`SELECT conname FROM pg_constraint WHERE conname = 'children_parent_id_fkey'`)).rowCount).toBe(1);
      expect(await ledgerNames(client)).toEqual(["1_init"]);
    } finally {
      folder.cleanup();
    }
  });

  it("rolls back a migration that fails half-way and records nothing", async () => {
    const client = await connect(await emptyDatabase());
    const folder = createMigrationFolder({ "1_init": init, "2_half": `${pets}SELECT * FROM "no_such_table";` });
    try {
      await expect(migratePostgres(client, { folder: folder.folder })).rejects.toThrow(/2_half .* rolled back.*"no_such_table" does not exist/);
      expect(await tableExists(client, "pets")).toBe(false);
      expect(await ledgerNames(client)).toEqual(["1_init"]);
    } finally {
      folder.cleanup();
    }
  });

  it("refuses to start on an unfinished migration row, and on an applied migration whose file changed", async () => {
    const client = await connect(await emptyDatabase());
    const folder = createMigrationFolder({ "1_init": init });
    try {
      await migratePostgres(client, { folder: folder.folder });
      folder.write("2_pets", pets);
      await client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('row-2', 'x', '2_pets')`);
      await expect(migratePostgres(client, { folder: folder.folder })).rejects.toThrow(MigrationHistoryError);
      await expect(migratePostgres(client, { folder: folder.folder })).rejects.toThrow(/Migration 2_pets started at .* never finished.*P3009/s);
      expect(await tableExists(client, "pets")).toBe(false);

      const refusal = await migratePostgres(client, { folder: folder.folder }).catch((error: Error) => error.message);
      await client.query(String(refusal).split("\n").find((line) => line.trim().startsWith("UPDATE"))!);
      expect((await client.query(`SELECT 1 FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL`)).rowCount).toBe(1);
      folder.write("1_init", `${init}-- edited after it was applied\n`);
      await expect(migratePostgres(client, { folder: folder.folder })).rejects.toThrow(/Migration 1_init was changed after it was applied: .*1_init\/migration.sql/);
      expect(await tableExists(client, "pets")).toBe(false);
    } finally {
      folder.cleanup();
    }
  });

  it("applies each migration once when two appliers race, both waiting on Prisma's advisory lock", async () => {
    const database = await emptyDatabase();
    const [holder, first, second] = await Promise.all([connect(database), connect(database), connect(database)]);
    migrations.write("2_pets", pets);
    await holder.query(`SELECT pg_advisory_lock($1)`, [prismaMigrateLockKey]);

    const racing = [migratePostgres(first, { folder: migrations.folder }), migratePostgres(second, { folder: migrations.folder })];
    const holderPid = await backendPid(holder);
    await vi.waitFor(async () => expect(await lockWaiters(holder, [holderPid])).toHaveLength(2), { timeout: 10_000, interval: 20 });
    await holder.query(`SELECT pg_advisory_unlock($1)`, [prismaMigrateLockKey]);

    const applied = await Promise.all(racing);
    expect(applied.map((names) => names.length).sort()).toEqual([0, 2]);
    expect(await ledgerNames(holder)).toEqual(["1_init", "2_pets"]);
    expect(await lockWaiters(holder, [])).toEqual([]);
  });

  it(
    "excludes `prisma migrate deploy`, which waits on the same lock, and agrees with it on what is applied",
    async () => {
      const database = await emptyDatabase();
      const holder = await connect(database);
      await holder.query(`SELECT pg_advisory_lock($1)`, [prismaMigrateLockKey]);

      const deploy = runPrismaCli(["migrate", "deploy"], { databaseUrl: database.url });
      const holderPid = await backendPid(holder);
      // Prisma gives up after 10 s waiting for the lock: release it as soon as the CLI waits on it.
      await vi.waitFor(async () => expect(await lockWaiters(holder, [holderPid])).toHaveLength(1), { timeout: 60_000, interval: 20 });
      expect(await tableExists(holder, "users")).toBe(false);
      await holder.query(`SELECT pg_advisory_unlock($1)`, [prismaMigrateLockKey]);

      const result = await deploy;
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(await tableExists(holder, "users")).toBe(true);
      expect(await migratePostgres(holder)).toEqual([]);
    },
    120_000,
  );
});
