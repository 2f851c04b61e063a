// Prisma CLI configuration: picks the schema, migrations and JS driver adapter by DATABASE_URL so
// no binary engine is ever downloaded (SETUP-NOTES: "Prisma 6.19 without binaries").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrlFromEnv } from "../server/db/database-url";

const target = databaseUrlFromEnv();
const folder = path.join(import.meta.dirname, target.provider);
// The datasource `url = env(...)` must be non-empty even for `generate`, or Prisma downloads an engine.
process.env.PRISMA_DATASOURCE_URL ||= target.url;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: folder,
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (target.provider === "sqlite") {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url: target.filename });
    }
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg(await withTextForNameTypes(target.url));
  },
});

/**
 * adapter-pg 6.19.3 in the CLI cannot deserialize `name` (19) and `"char"` (18) columns of the
 * catalog queries. It passes its own `types` with every query, so wrap that per query; pg.Pool calls
 * the callback form `query(text, values, cb)`, which goes through the same prototype method.
 */
async function withTextForNameTypes(connectionString: string) {
  const pg = (await import("pg")).default;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    const types = (config as { types?: { getTypeParser: (oid: number, format?: string) => unknown } })?.types;
    if (types) {
      const original = types.getTypeParser.bind(types);
      types.getTypeParser = (oid, format) => (oid === 18 || oid === 19 ? (value: string) => value : original(oid, format));
    }
    return query.call(this, config, ...rest);
  } as typeof pg.Client.prototype.query;
  return { connectionString };
}
