import fs from "node:fs";
import path from "node:path";
import { baseEnv, bins, repoRoot, runNode } from "./run.mjs";

// `prisma generate` connects to nothing: the URL only selects the provider's schema in prisma/config.ts.
const generatorUrls = {
  sqlite: "file:./data/orka.db",
  postgres: "postgres://placeholder@127.0.0.1/placeholder",
};

function mtime(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function isFresh(provider) {
  const client = mtime(path.join(repoRoot, "prisma/generated", provider, "client.ts"));
  const models = path.join(repoRoot, "prisma/models");
  const inputs = [
    path.join(repoRoot, "prisma", provider, "schema.prisma"),
    path.join(repoRoot, "node_modules/prisma/package.json"),
    ...fs.readdirSync(models).map((name) => path.join(models, name)),
  ];
  return client > 0 && inputs.every((input) => mtime(input) <= client);
}

/**
 * Generates the SQLite and the PostgreSQL Prisma clients (both are imported, so `tsc` and
 * `next build` need both). Skips a client newer than its schema unless `force`.
 */
export async function ensurePrismaClients({ force = false } = {}) {
  for (const [provider, url] of Object.entries(generatorUrls)) {
    if (!force && isFresh(provider)) continue;
    await runNode(bins.prisma, ["generate", "--config", "prisma/config.ts"], {
      env: { ...baseEnv, DATABASE_URL: url, PRISMA_DATASOURCE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
}
