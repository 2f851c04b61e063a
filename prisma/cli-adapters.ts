// Driver adapters for the Prisma CLI (prisma/config.ts), with the fixes Prisma 6.19 needs to run
// `migrate deploy`, `migrate status` and `migrate diff --from-migrations` through them.
import { randomUUID } from "node:crypto";

/**
 * The schema engine applies each migration to the shadow database with one `executeRaw`, and
 * adapter-better-sqlite3 prepares that as one statement ("contains more than one statement"):
 * run a script without parameters with `executeScript` instead, on the shadow database only.
 */
export async function sqliteCliAdapter(filename: string) {
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const factory = new PrismaBetterSQLite3({ url: filename });
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  return Object.assign(factory, {
    async connectToShadowDb() {
      const shadow = await connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = (query) =>
        query.args.length === 0 ? shadow.executeScript(query.sql).then(() => 0) : executeRaw(query);
      return shadow;
    },
  });
}

/**
 * Two fixes. adapter-pg 6.19.3 refuses result columns of the catalog types `name` (OID 19) and
 * `"char"` (OID 18) ("Column type 'name' could not be deserialized"): the pool's client reports
 * them as text (25), whose values they already are. And its own shadow database is
 * `{ ...config, database }`, where a `connectionString` wins over `database`: the shadow's
 * migrations would run in the real database. The shadow here is a database of its own.
 */
export async function postgresCliAdapter(url: string) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const Client = await catalogTolerantClient();
  const factory = new PrismaPg({ connectionString: url, Client });
  return Object.assign(factory, {
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await onServer(url, `CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ connectionString: withDatabase(url, name), Client }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return shadow;
    },
  });
}

const catalogTypes = new Set([18, 19]);
const textType = 25;

async function catalogTolerantClient() {
  const pg = (await import("pg")).default;
  type Result = { fields?: { dataTypeID: number }[] };
  const asText = (result: Result | Result[] | undefined) => {
    for (const each of [result ?? []].flat()) {
      for (const field of each.fields ?? []) if (catalogTypes.has(field.dataTypeID)) field.dataTypeID = textType;
    }
    return result;
  };
  class CatalogTolerantClient extends pg.Client {}
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  // pg.Pool calls the callback form `query(config, values, cb)`; transactions use the promise form.
  CatalogTolerantClient.prototype.query = function (this: unknown, ...args: unknown[]) {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: Result) => callback(error, asText(result));
      return query.apply(this, args);
    }
    const returned = query.apply(this, args);
    return returned instanceof Promise ? returned.then(asText) : returned;
  } as typeof pg.Client.prototype.query;
  return CatalogTolerantClient;
}

async function onServer(url: string, statement: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
