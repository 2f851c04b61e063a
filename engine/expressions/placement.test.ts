import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { astOf } from "./ast";
import { boundedBuiltinNames } from "./builtins";
import { decidePlacement } from "./placement";

const place = (source: string) => decidePlacement(astOf(jsonata(source)));

// [node kind, expression]: evaluated in process.
const inProcess: [string, string][] = [
  ["number", "1"],
  ["string", "'text'"],
  ["value", "null"],
  ["variable $input", "$input"],
  ["variable $steps", "$steps.a.output.b"],
  ["variable $vars", "$vars.x"],
  ["variable $run", "$run.id"],
  ["variable $output", "$output.total"],
  ["variable $secrets", "'Bearer ' & $secrets.TOKEN"],
  ["variables $item, $index", "$item.name & $string($index)"],
  ["variable $ (context)", "$"],
  ["variable $$ (root)", "$$.customer"],
  ["path of names", "$input.customer.address.city"],
  ["path from the context", "customer.tier = 'vip' and total > 100"],
  ["wildcard", "$input.*.price"],
  ["filter", "$input.items[price > 10].name"],
  ["index filter", "$input.items[-1].name"],
  ["filter with outside data", "$input.items[id = $vars.wanted]"],
  ["keep array", "$input.items[]"],
  ["parent in a filter", "$input.orders.items[% = $vars.order].sku"],
  ["binary arithmetic", "$input.price * $input.qty - 1"],
  ["binary remainder", "$input.n % 2 = 0"],
  ["binary in", "'x' in $input.tags"],
  ["binary &", "$vars.region & '-' & $run.id & '#' & $run.attempt"],
  ["unary minus", "-$input.n"],
  ["condition", "$input.vip ? 'fast' : 'slow'"],
  ["condition without else", "$input.vip ? $input.lane"],
  ["block", "($input.a; $input.b)"],
  ["array constructor", "[1, $input.a, [2, 3]]"],
  ["array per item", "$input.items.[name, sku]"],
  ["object constructor", "{ 'a': [1, { 'b': $input.total }] }"],
  ["object per item", "$input.items.{ 'name': name, 'sku': sku, 'price': price, 'qty': quantity }"],
  ["group-by", "$input.orders{ customer: $sum(total) }"],
  ["per-item arithmetic", "$sum($input.items.(price * quantity))"],
  ["function", "$count($input.items[status = 'open']) > 0"],
  ["function on the context", "$input.names.$uppercase()"],
  ["apply into a call", "$input.name ~> $substring(0, 3)"],
  ["apply into a function", "$input.name ~> $trim"],
  ["join with a literal separator", "$input.tags ~> $join(', ')"],
  ["now", "$now()"],
];

// [node kind, expression, the reason's gist]: evaluated in the isolated evaluator.
const isolated: [string, string, string][] = [
  ["regex", "$contains($input.s, /(a+)+$/)", "regular expression"],
  ["bind", "($s := $input.s; $s & $s)", "`:=`"],
  ["lambda", "function($x) { $x }", "function definition"],
  ["partial", "$substring(?, 1)", "partial application"],
  ["transform", "| $ | { 'b': 1 } |", "transform"],
  ["descendant", "$input.**.id", "`**`"],
  ["sort", "$input.items^(price)", "sort"],
  ["range", "[1..$input.n]", "range"],
  ["focus binding", "$input.items@$i.name", "`@` and `#`"],
  ["index binding", "$input.items#$i.name", "`@` and `#`"],
  ["split", "$count($split($input.s, ''))", "$split is not one of the bounded built-in functions"],
  ["pad", "$pad('x', 100000000)", "$pad is not"],
  ["replace", "$replace($input.s, 'a', 'b')", "$replace is not"],
  ["match", "$match($input.s, 'a')", "$match is not"],
  ["eval", "$eval('1 + 1')", "$eval is not"],
  ["map", "$map($input.items, $string)", "$map is not"],
  ["filter function", "$filter($input.items, $boolean)", "$filter is not"],
  ["reduce", "$reduce($input.items, $append)", "$reduce is not"],
  ["sift", "$sift($input, $boolean)", "$sift is not"],
  ["each", "$each($input, $string)", "$each is not"],
  ["single", "$single($input.items)", "$single is not"],
  ["distinct (quadratic)", "$distinct($input.items)", "$distinct is not"],
  ["sort function", "$sort($input.items)", "$sort is not"],
  ["an Object.prototype name", "$toString()", "$toString is not"],
  ["string prettified", "$string($input, true)", "$string with more than 1"],
  ["now with a picture", "$now('[Y0001]')", "$now with more than 0"],
  ["join with a data separator", "$join($input.tags, $input.separator)", "separator"],
  ["a function as a value", "$count($string)", "$string is not run data"],
  ["an unbound variable", "$nothing.here", "$nothing is not run data"],
  ["a computed function", "$input.f()", "computed"],
  ["apply into a lambda", "$input ~> function($x) { $x }", "`~>` into something other"],
  ["doubling through the context", "$input.s.($ & $).($ & $).($ & $)", "grow past 64 times"],
  ["nested serialisation", "$string([$string([$string([$string([$string([$input])])])])])", "grow past 64 times"],
  ["outside data per item", "$input.items.{ 'all': $input }", "outside the item"],
  ["a variable per item", "$input.items.($vars.big)", "outside the item"],
  ["the parent per item", "$input.orders.items.%", "outside the item"],
  ["a path from the parent (one copy per item of an array context)", "$input.orders.items[%.status = 'open']", "outside the item"],
  ["group-by copying outside data per key", "$input.items{ name: $input }", "outside the item"],
];

describe("decidePlacement", () => {
  it.each(inProcess)("%s runs in process: %s", (_kind, source) => {
    expect(place(source)).toEqual({ inProcess: true });
  });

  it.each(isolated)("%s goes to the isolated evaluator: %s", (_kind, source, reason) => {
    const placement = place(source);
    expect(placement.inProcess).toBe(false);
    expect(placement.inProcess === false && placement.reason).toContain(reason);
  });

  it.each(boundedBuiltinNames)("admits the bounded built-in $%s", (name) => {
    const calls: Record<string, string> = { now: "$now()", millis: "$millis()", append: "$append($input.a, $input.b)", join: "$join($input.a)" };
    expect(place(calls[name] ?? `$${name}($input.a)`)).toEqual({ inProcess: true });
  });

  it("admits a projection of 15 fields per item, not of 16 (past 64 times the data)", () => {
    const fields = (count: number) => Array.from({ length: count }, (_, index) => `'f${index.toString(16)}': f${index.toString(16)}`).join(", ");
    expect(place(`$input.items.{ ${fields(15)} }`)).toEqual({ inProcess: true });
    expect(place(`$input.items.{ ${fields(16)} }`)).toEqual({ inProcess: false, reason: "its values may grow past 64 times the data it reads" });
  });

  it("sends anything it cannot analyse to the isolated evaluator", () => {
    expect(decidePlacement({ type: "something-new" })).toEqual({ inProcess: false, reason: '"something-new" expressions are not in the bounded subset' });
  });
});
