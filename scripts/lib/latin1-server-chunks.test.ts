import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { latin1ServerChunks, latin1Source } from "./latin1-server-chunks.mjs";

/** What a script evaluates to (its last expression), in a fresh context. */
const evaluate = (source: string): unknown => vm.runInNewContext(source, { String });

describe("latin1Source", () => {
  it("escapes characters beyond Latin-1 in strings, untagged templates, regular expressions and comments, meaning the same", () => {
    const source = String.raw`/* glyph → */ const a = "cycle: a → b", b = 'λ\→', c = ${"`"}${"$"}{a} … ${"$"}{"—"}${"`"}, d = /[→…]/u.test("…") && /\→/.test("→"); [a, b, c, d, "é"]`;
    const rewritten = latin1Source(source)!;
    expect(rewritten).not.toMatch(/[^\x00-\xff]/);
    expect(rewritten).toContain("é"); // Latin-1 is left as it is
    expect(evaluate(rewritten)).toEqual(evaluate(source));
    expect(evaluate(rewritten)).toEqual(["cycle: a → b", "λ→", "cycle: a → b … —", true, "é"]);
  });

  it("leaves a source whose tagged template, identifier or comment with a line separator would change meaning", () => {
    expect(latin1Source("String.raw`→`")).toBeNull();
    expect(latin1Source("const λ = 1; λ")).toBeNull();
    expect(latin1Source("// a\u2028b")).toBeNull();
    expect(latin1Source("not javascript (")).toBeNull();
  });

  it("answers null for a source that is Latin-1 already", () => {
    expect(latin1Source('const a = "é"')).toBeNull();
  });
});

describe("latin1ServerChunks", () => {
  it("rewrites the server's .js files that need it and leaves the rest", () => {
    const distDir = fs.mkdtempSync(path.join(os.tmpdir(), "orka-latin1-"));
    try {
      fs.mkdirSync(path.join(distDir, "server/chunks"), { recursive: true });
      fs.writeFileSync(path.join(distDir, "server/chunks/a.js"), 'module.exports = "→";');
      fs.writeFileSync(path.join(distDir, "server/chunks/b.js"), "module.exports = String.raw`→`;");
      fs.writeFileSync(path.join(distDir, "server/chunks/a.js.map"), '{"sources":["→"]}');
      expect(latin1ServerChunks(distDir)).toEqual({ rewritten: 1, left: 1 });
      expect(fs.readFileSync(path.join(distDir, "server/chunks/a.js"), "utf8")).toBe('module.exports = "\\u2192";');
      expect(fs.readFileSync(path.join(distDir, "server/chunks/b.js"), "utf8")).toBe("module.exports = String.raw`→`;");
      expect(fs.readFileSync(path.join(distDir, "server/chunks/a.js.map"), "utf8")).toBe('{"sources":["→"]}');
    } finally {
      fs.rmSync(distDir, { recursive: true, force: true });
    }
  });
});
