import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./run.mjs";

/** What the production build is made from; tests, generated clients and dependencies aside. */
const sources = ["app", "components", "server", "engine", "prisma", "public", "next.config.js", "package.json", "postcss.config.mjs", "tsconfig.json", "scripts/lib/latin1-server-chunks.mjs"];
// `testing/` folders hold test helpers (server/testing/, engine/runtime/testing/): never built.
const ignoredFolders = new Set(["node_modules", "generated", ".next", "testing"]);
const isTestFile = (name) => /\.test\.tsx?$/.test(name);

function newestFile(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return { file: null, mtimeMs: 0 };
  if (!stat.isDirectory()) return { file: entry, mtimeMs: stat.mtimeMs };
  let newest = { file: null, mtimeMs: 0 };
  for (const child of fs.readdirSync(entry, { withFileTypes: true })) {
    if (child.isDirectory() ? ignoredFolders.has(child.name) : isTestFile(child.name)) continue;
    const candidate = newestFile(path.join(entry, child.name));
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/** Why `next build` must run again, or `null` when `.next` is newer than every source file. */
export function staleBuildReason() {
  const buildId = fs.statSync(path.join(repoRoot, ".next/BUILD_ID"), { throwIfNoEntry: false });
  if (!buildId) return "no production build yet";
  const newest = sources.map((source) => newestFile(path.join(repoRoot, source))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return newest.mtimeMs > buildId.mtimeMs ? `${path.relative(repoRoot, newest.file)} changed since the last build` : null;
}
