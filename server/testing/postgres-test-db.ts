import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { migratePostgres, migrationsFolder, readMigrations } from "../db/migrate";

export interface PostgresTestDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

const defaultAdminUrl = "postgres://postgres@127.0.0.1:5432/postgres";
const answerWithinMs = 2_000;
const templateLockKey = 7_262_024;
const abandonedAfterMs = 6 * 60 * 60 * 1000;
/** Errors that mean "no server there", as opposed to a server that refused us. */
const unreachableCodes = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "ENOENT", "EAI_AGAIN"]);

/**
 * A fresh PostgreSQL database for one test file, cloned from a template migrated once per set of
 * migration files (`orka_test_template_<hash>`), or empty with `{ migrated: false }`. When no
 * server answers at `DATABASE_URL_PG` (default postgres@127.0.0.1:5432) within 2 s it returns
 * null after printing why, so the tests skip; under CI (`CI` set) it throws instead, so a
 * missing server fails the run rather than hiding every PostgreSQL test.
 *
 * @example
 * const database = await createPostgresTestDatabase();
 * describe.skipIf(!database)("on PostgreSQL", () => {
 *   afterAll(() => database?.drop());
 * });
 */
export async function createPostgresTestDatabase({ migrated = true } = {}): Promise<PostgresTestDatabase | null> {
  const adminUrl = process.env.DATABASE_URL_PG || defaultAdminUrl;
  const admin = await connectOrExplain(adminUrl);
  if (!admin) return null;
  try {
    const template = migrated ? await ensureTemplate(admin, adminUrl) : "template0";
    await dropAbandonedDatabases(admin);
    const name = `orka_test_${Date.now().toString(36)}_${randomBytes(6).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
    return { name, url: urlOfDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
  } finally {
    await admin.end();
  }
}

/** `CI` set to anything but "", "0" or "false", as CI services set it. */
function isCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return !!ci && ci !== "0" && ci !== "false";
}

async function connectOrExplain(adminUrl: string): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: answerWithinMs });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const where = redact(adminUrl);
    if (code && !unreachableCodes.has(code)) {
      throw new Error(`PostgreSQL at ${where} refused the test connection (${message}); set DATABASE_URL_PG`, { cause: error });
    }
    const reason = `no server answered at ${where} within ${answerWithinMs / 1000} s (${message})`;
    const remedy = `Start one (pg_ctlcluster --skip-systemctl-redirect <version> main start) or set DATABASE_URL_PG.`;
    if (isCi()) throw new Error(`PostgreSQL tests cannot be skipped in CI: ${reason}. ${remedy}`, { cause: error });
    console.warn(`Skipping PostgreSQL tests: ${reason}. ${remedy}`);
    return null;
  }
}

function templateName(): string {
  const migrations = readMigrations(migrationsFolder("postgres")).map((m) => `${m.name}:${m.checksum}`).join("\n");
  return `orka_test_template_${createHash("sha256").update(migrations).digest("hex").slice(0, 12)}`;
}

/**
 * The template appears under its final name only once fully migrated (built under another name,
 * then renamed), and the advisory lock keeps parallel test files from building it twice.
 */
async function ensureTemplate(admin: pg.Client, adminUrl: string): Promise<string> {
  const template = templateName();
  if (await databaseExists(admin, template)) return template;
  await admin.query("SELECT pg_advisory_lock($1)", [templateLockKey]);
  try {
    if (!(await databaseExists(admin, template))) await buildTemplate(admin, adminUrl, template);
    return template;
  } finally {
    await admin.query("SELECT pg_advisory_unlock($1)", [templateLockKey]);
  }
}

async function buildTemplate(admin: pg.Client, adminUrl: string, template: string): Promise<void> {
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${quote(building)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${quote(building)}`);
  const client = new pg.Client({ connectionString: urlOfDatabase(adminUrl, building) });
  await client.connect();
  try {
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template: nothing is now.
  await admin.query(`ALTER DATABASE ${quote(building)} RENAME TO ${quote(template)}`);
  await dropStaleTemplates(admin, template);
}

/** Templates of older migration sets; one still being cloned elsewhere is left for next time. */
async function dropStaleTemplates(admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'orka\\_test\\_template\\_%' AND datname <> $1`,
    [current],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${quote(datname)}`).catch(() => undefined);
}

/**
 * A test run stopped with Ctrl-C skips `drop()`: databases whose name says they were created
 * long ago (`orka_test_<base36 ms>_<random>`) are dropped by the next run.
 */
async function dropAbandonedDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database
     WHERE datname ~ '^orka_test_[0-9a-z]+_[0-9a-f]+$' AND datname NOT LIKE 'orka\\_test\\_template\\_%'`,
  );
  const abandoned = rows.filter(({ datname }) => Date.now() - parseInt(datname.split("_")[2]!, 36) > abandonedAfterMs);
  for (const { datname } of abandoned) await admin.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return rowCount === 1;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function urlOfDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
