import { describe, expect, it } from "vitest";
import { jsonDiagnostics, jsonataDiagnostics, templateDiagnostics, javascriptDiagnostics } from "./diagnostics";

describe("jsonataDiagnostics", () => {
  it("accepts valid and blank expressions", () => {
    expect(jsonataDiagnostics("$input.total > 100")).toEqual([]);
    expect(jsonataDiagnostics("$sum($input.items.price)")).toEqual([]);
    expect(jsonataDiagnostics("   ")).toEqual([]);
  });

  it("marks the offending token", () => {
    expect(jsonataDiagnostics("a b")).toEqual([{ from: 2, to: 3, message: 'Syntax error: "b"' }]);
    expect(jsonataDiagnostics("foo]")).toEqual([{ from: 3, to: 4, message: 'Syntax error: "]"' }]);
  });

  it("marks the last character when the expression ends too early", () => {
    const [diagnostic] = jsonataDiagnostics("$input.");
    expect(diagnostic).toMatchObject({ from: 6, to: 7 });
    expect(diagnostic!.message).toMatch(/end of expression/);
  });

  it("keeps ranges inside the text when jsonata gives no usable position", () => {
    const [comment] = jsonataDiagnostics("/* x");
    expect(comment).toMatchObject({ from: 0, to: 1 });
    const [string] = jsonataDiagnostics("'abc");
    expect(string!.to).toBeLessThanOrEqual(4);
    expect(string!.from).toBeGreaterThanOrEqual(0);
  });
});

describe("templateDiagnostics", () => {
  it("accepts plain text and valid parts", () => {
    expect(templateDiagnostics("https://example.com/{{ $input.id }}/x")).toEqual([]);
    expect(templateDiagnostics("no parts at all")).toEqual([]);
  });

  it("reports errors at their offset in the whole text", () => {
    const text = "id={{ $input.id }}&q={{ a b }}";
    const [diagnostic] = templateDiagnostics(text);
    expect(text.slice(diagnostic!.from, diagnostic!.to)).toBe("b");
    expect(diagnostic).toMatchObject({ from: 26, to: 27 });
  });

  it("reports an empty part over the whole braces", () => {
    expect(templateDiagnostics("x {{  }} y")).toEqual([{ from: 2, to: 8, message: "empty {{ }} in template" }]);
  });

  it("reports each bad part", () => {
    expect(templateDiagnostics("{{}}{{ ( }}")).toHaveLength(2);
  });
});

describe("jsonDiagnostics", () => {
  it("accepts valid and blank JSON", () => {
    expect(jsonDiagnostics('{ "type": "object", "properties": { "a": { "type": "string" } } }')).toEqual([]);
    expect(jsonDiagnostics("[1, 2.5e3, true, null]")).toEqual([]);
    expect(jsonDiagnostics("")).toEqual([]);
  });

  it.each([
    ['{"a": }', 6],
    ['{"a":1', 5], // at the end: the last character is marked
    ["[1,]", 3],
    ["abc", 0],
    ['{"a":1} x', 8],
    ['{\n "a": 1,\n}', 11],
    ['{"a": "b\\q"}', 9],
  ])("locates the error in %j at %i", (text, offset) => {
    const [diagnostic] = jsonDiagnostics(text);
    expect(diagnostic!.from).toBe(offset);
    expect(diagnostic!.to).toBe(Math.min(text.length, offset + 1));
    expect(diagnostic!.message).not.toBe("");
  });
});

describe("javascriptDiagnostics", () => {
  it("accepts a function body with a top-level return, and blank text", () => {
    expect(javascriptDiagnostics("const x = input.total;\nreturn { x }")).toEqual([]);
    expect(javascriptDiagnostics("  ")).toEqual([]);
  });

  it("marks the character where parsing stopped, with its line and column", () => {
    const source = "const a = 1;\nreturn a +* 2";
    expect(javascriptDiagnostics(source)).toEqual([{ from: source.indexOf("*"), to: source.indexOf("*") + 1, message: "Unexpected token (line 2, column 11)" }]);
  });
});
