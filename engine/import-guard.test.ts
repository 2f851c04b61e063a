import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// engine/ is the deterministic core: it must not reach into the app, the server, React, Next or Prisma.
// Exempt: `*.db.test.ts` files, which run the engine against the real database and so must wire in a
// store adapter from server/ (engine tests use the real database, not mocks).
const engineRoot = import.meta.dirname;
const forbidden = [/^(\.\.\/)+(app|components|server|prisma|bin)\//, /^@\/(app|components|server|prisma)/, /^react(-dom)?(\/|$)/, /^next(\/|$)/, /^@prisma\//, /^server-only$/];
const isomorphicOnly = path.join(engineRoot, "definition");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const pattern = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

describe("engine import guard", () => {
  const files = sourceFiles(engineRoot).filter((file) => !file.endsWith(".db.test.ts"));

  it("finds the engine's sources", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("imports nothing from app/, components/, server/, React, Next or Prisma", () => {
    const violations = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => forbidden.some((pattern) => pattern.test(specifier)) || escapesEngine(file, specifier))
        .map((specifier) => `${path.relative(engineRoot, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it("keeps definition/ free of Node built-ins (the canvas bundles it)", () => {
    const violations = sourceFiles(isomorphicOnly)
      .filter((file) => !file.endsWith(".test.ts"))
      .flatMap((file) => importsOf(file).filter((specifier) => specifier.startsWith("node:")).map((specifier) => `${file}: ${specifier}`));
    expect(violations).toEqual([]);
  });

  it("keeps the handler side of step types out of what the canvas bundles (definition/ and every spec it reaches)", () => {
    const reached = reachableFrom(path.join(isomorphicOnly, "index.ts"));
    const serverSide = [...reached].filter((file) => /\/(run|handler|handlers|step-registry)\.ts$|\/(runtime|sandbox|ports)\//.test(file));
    expect(serverSide.map((file) => path.relative(engineRoot, file))).toEqual([]);
    expect([...reached].some((file) => file.endsWith(path.join("steps", "http", "spec.ts")))).toBe(true);
  });

  it("would catch a violation", () => {
    expect(forbidden.some((pattern) => pattern.test("../../server/db/prisma.js"))).toBe(true);
    expect(forbidden.some((pattern) => pattern.test("next/server"))).toBe(true);
    expect(escapesEngine(path.join(engineRoot, "runtime/x.ts"), "../../app/page.js")).toBe(true);
  });
});

/** Every engine source file `entry` imports, directly or not (type-only imports included). */
function reachableFrom(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const specifier of importsOf(entry)) {
    if (!specifier.startsWith(".")) continue;
    const target = path.resolve(path.dirname(entry), specifier);
    const file = [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => fs.existsSync(candidate));
    if (file) reachableFrom(file, seen);
  }
  return seen;
}

function escapesEngine(file: string, specifier: string): boolean {
  if (!specifier.startsWith(".")) return false;
  const target = path.resolve(path.dirname(file), specifier);
  return !target.startsWith(engineRoot + path.sep);
}
