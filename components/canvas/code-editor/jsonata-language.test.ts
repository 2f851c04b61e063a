import { StringStream } from "@codemirror/language";
import { expect, it } from "vitest";
import { jsonataToken, type JsonataTokenState } from "./jsonata-language";

function tokens(line: string, state: JsonataTokenState = { inComment: false }): [string, string | null][] {
  const stream = new StringStream(line, 2, 2);
  const found: [string, string | null][] = [];
  while (!stream.eol()) {
    stream.start = stream.pos;
    const style = jsonataToken(stream, state);
    if (stream.current().trim()) found.push([stream.current(), style]);
  }
  return found;
}

it("highlights variables, strings, numbers, keywords and operators", () => {
  expect(tokens(`$sum($input.items.price) > 10.5 and name = 'a\\'b' or "x" in [true, null]`)).toEqual([
    ["$sum", "variableName.special"],
    ["(", "bracket"],
    ["$input", "variableName.special"],
    [".", "operator"],
    ["items", "propertyName"],
    [".", "operator"],
    ["price", "propertyName"],
    [")", "bracket"],
    [">", "operator"],
    ["10.5", "number"],
    ["and", "keyword"],
    ["name", "propertyName"],
    ["=", "operator"],
    ["'a\\'b'", "string"],
    ["or", "keyword"],
    ['"x"', "string"],
    ["in", "keyword"],
    ["[", "bracket"],
    ["true", "atom"],
    [",", null],
    ["null", "atom"],
    ["]", "bracket"],
  ]);
});

it("carries a block comment across lines", () => {
  const state = { inComment: false };
  expect(tokens("1 /* start", state)).toEqual([["1", "number"], ["/* start", "comment"]]);
  expect(state.inComment).toBe(true);
  expect(tokens("end */ $x", state)).toEqual([["end */", "comment"], ["$x", "variableName.special"]]);
  expect(state.inComment).toBe(false);
});
