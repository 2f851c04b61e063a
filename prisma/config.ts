// Prisma CLI configuration: picks the schema, migrations and JS driver adapter by DATABASE_URL so
// no binary engine is ever downloaded (Prisma 6.19 with `engine: "js"`).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrlFromEnv } from "../server/db/database-url";
import { postgresCliAdapter, sqliteCliAdapter } from "./cli-adapters";

const target = databaseUrlFromEnv();
const folder = path.join(import.meta.dirname, target.provider);
// The datasource `url = env(...)` must be non-empty even for `generate`, or Prisma downloads an engine.
process.env.PRISMA_DATASOURCE_URL ||= target.url;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: folder,
  migrations: { path: path.join(folder, "migrations") },
  adapter: () => (target.provider === "sqlite" ? sqliteCliAdapter(target.filename) : postgresCliAdapter(target.url)),
});
