import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { astOf } from "./ast";
import { referencedNames } from "./referenced-names";

const namesIn = (source: string) => referencedNames(astOf(jsonata(source)));

describe("referencedNames", () => {
  it.each([
    ["$input.total > 1", ["input"]],
    ["$vars.a & $steps.b.output", ["vars", "steps"]],
    ["items[price > $vars.min].(name & $item.x)", ["vars", "item"]],
    ["$map($input.xs, function($x) { $x + $index })", ["map", "input", "x", "index"]],
    ["customer.name", []],
  ])("%s mentions %j", (source, names) => {
    expect(namesIn(source)).toEqual(new Set(names));
  });

  it("is every name when the expression may evaluate text ($eval)", () => {
    expect(namesIn("$eval('$steps.a')")).toBe("all");
  });
});
