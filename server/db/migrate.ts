// Applies Prisma's migration files (prisma/<provider>/migrations) and records them in
// `_prisma_migrations` as `prisma migrate deploy` does, so both agree on what is applied. Used at
// start-up and in tests, where the CLI is too slow (on PostgreSQL each schema-engine call costs
// ~12 s). What it guarantees: prisma/README.md, "Applying migrations".
export { MigrationFailedError } from "./migrations/failed";
export { migrationsFolder, readMigrations, type Migration, type Provider } from "./migrations/files";
export { MigrationHistoryError } from "./migrations/history";
export { migratePostgres, prismaMigrateLockKey } from "./migrations/postgres";
export { migrateSqlite } from "./migrations/sqlite";
