import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteTestDb } from "../testing/sqlite-test-db";

const repoRoot = path.resolve(import.meta.dirname, "../..");

describe("Prisma's query compiler (scripts/lib/prisma-clients.mjs)", async () => {
  const database = await createSqliteTestDb();
  afterAll(() => database.cleanup());

  it("is read through a require whose cache entry is dropped, not imported (an import would keep its 2.4 MB base64 text for good)", () => {
    for (const provider of ["sqlite", "postgres"]) {
      const source = fs.readFileSync(path.join(repoRoot, "prisma/generated", provider, "internal/class.ts"), "utf8");
      expect(source).not.toContain("wasm-base64.mjs");
      expect(source).toContain("delete load.cache[id]");
    }
  });

  it("still compiles queries that way", async () => {
    await expect(database.db.team.count()).resolves.toBe(0);
    const loaded = Object.keys((process.getBuiltinModule("node:module") as typeof import("node:module")).createRequire(import.meta.url).cache);
    expect(loaded.filter((file) => file.includes("wasm-base64"))).toEqual([]);
  });
});
