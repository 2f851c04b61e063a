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

const wasmImport = /const \{ wasm \} = await import\("@prisma\/client\/runtime\/(query_compiler_bg\.\w+\.wasm-base64)\.mjs"\)\n(\s*)return await decodeBase64AsWasm\(wasm\)/;

/**
 * The generated client imports Prisma's query compiler as a 2.4 MB base64 string (a module of its
 * own), and an imported module stays for the life of the process: its source and the string cost
 * the server ~4.8 MB of heap after the compiler was compiled. Read through `require` instead and
 * dropped from its cache, both can be collected. Idempotent.
 */
function loadWasmOnce(provider) {
  const classFile = path.join(repoRoot, "prisma/generated", provider, "internal/class.ts");
  const source = fs.readFileSync(classFile, "utf8");
  const patched = source.replace(wasmImport, (_match, file, indent) =>
    [
      "// scripts/lib/prisma-clients.mjs: read and forgotten, not imported (an import keeps the base64 text for good)",
      "// (getBuiltinModule: a bundler that sees `createRequire` replaces a require it cannot resolve with one that throws)",
      'const load = process.getBuiltinModule("node:module").createRequire(import.meta.url)',
      `const id = load.resolve("@prisma/client/runtime/${file}.js")`,
      "const { wasm } = load(id) as { wasm: string }",
      "delete load.cache[id]",
      "return await decodeBase64AsWasm(wasm)",
    ].join(`\n${indent}`),
  );
  if (patched !== source) fs.writeFileSync(classFile, patched);
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
  for (const provider of Object.keys(generatorUrls)) loadWasmOnce(provider);
}
