import { afterAll, describe, expect, it } from "vitest";
import { compileExpression } from "./compile";
import { evaluateExpression, type ExpressionScope } from "./evaluate";
import { isolatedEvaluator } from "./isolated/shared";

const scope: ExpressionScope = {
  input: {
    route: "a",
    total: 120.5,
    vip: true,
    note: "naïve “quote” \\ and \"escapes\" 😀",
    email: "ada@example.com",
    tags: ["new", "gift"],
    customer: { name: "Ada Lovelace", tier: "vip", "odd key": 1 },
    items: [
      { name: "pen", sku: "P-1", price: 2.5, quantity: 4, status: "open" },
      { name: "book", sku: "B-7", price: 18, quantity: 1, status: "closed" },
      { name: "lamp", sku: "L-3", price: 42.25, quantity: 2, status: "open" },
    ],
    orders: [
      { customer: "ada", total: 10 },
      { customer: "bob", total: 5.5 },
      { customer: "ada", total: 2 },
    ],
  },
  steps: { a: { output: { b: [1, { c: null }] } }, fetch: { output: { status: 200 } } },
  vars: { x: 42, region: "eu" },
  run: { id: "run-1", attempt: 2, startedAt: "2026-11-23T10:00:00.000Z" },
  extra: { item: { name: "widget" }, index: 3, output: { status: "done" } },
};

// Expressions of the in-process subset: the isolated evaluator must give exactly the same.
const expressions = [
  "1",
  "$input.route = 'a'",
  "$vars.x",
  "$steps.a.output.b",
  "$input.customer.tier = 'vip' and $input.total > 100",
  "$input.items[price > 10].name",
  "$input.items[-1]",
  "$input.items[]",
  "$input.items.{ 'name': name, 'total': price * quantity }",
  "$sum($input.items.(price * quantity))",
  "$count($input.items[status = 'open'])",
  "$input.orders{ customer: $sum(total) }",
  "$input.customer.*",
  "$keys($input.customer)",
  "$lookup($input.customer, 'odd key')",
  "$join($input.items.name, ', ')",
  "$uppercase($input.customer.name) & ' / ' & $lowercase('ÀB')",
  "$substring($input.note, 2, 5) & '|' & $length($input.note)",
  "$substringBefore($input.email, '@') & $substringAfter($input.email, '@')",
  "$trim('  a   b  ')",
  "$contains($input.note, 'quote')",
  "$string($input.items[0]) & $string($input.note)",
  "$number('12.5') + $round(2.345, 2) + $floor(1.5) + $ceil(1.2) + $abs(-3) + $sqrt(16) + $power(2, 3)",
  "[$max($input.items.price), $min($input.items.price), $average($input.orders.total)]",
  "[$exists($input.missing), $boolean([]), $not('')]",
  "$type($input.items) & $type(1) & $type(null)",
  "$reverse($input.items.sku)",
  "$merge([{ 'a': 1 }, { 'b': 2 }, $input.customer])",
  "$append($input.tags, ['extra'])",
  "$input.vip ? 'fast' : 'slow'",
  "[1, $input.total, [2, 3], { 'nested': { 'deep': $input.tags } }]",
  "$$.customer.name ~> $substring(0, 3)",
  "'gift' in $input.tags",
  "$input.total / 3",
  "$vars.region & '-' & $run.id & '#' & $run.attempt & $run.startedAt",
  "$item.name & $string($index) & $output.status",
  "$input.missing.deep",
  "$input.orders.customer[$ = 'ada']",
  "$input.total + 'x'",
  "$error('custom failure')",
  "$number('abc')",
  // Answered without jsonata (compile.ts `trivial`): literals and bare run-data variables.
  "-2.5",
  "'text'",
  "true",
  "null",
  "$vars",
  "$input",
  "$steps",
  "$run",
  "$output",
  "$item",
  "$index",
  "$secrets",
];

const bindings = { input: scope.input, steps: scope.steps, vars: scope.vars, run: scope.run, ...scope.extra };
const settle = (work: Promise<unknown>) => work.then((value) => ({ value }), (error: Error) => ({ error: `${error.name}: ${error.message}` }));

afterAll(() => isolatedEvaluator().close());

describe("the in-process subset and the isolated evaluator", () => {
  it.each(expressions)("agree on %s", async (source) => {
    expect(compileExpression(source, 1_000).placement).toEqual({ inProcess: true });
    const inProcess = await settle(evaluateExpression(source, scope));
    const isolated = await settle(isolatedEvaluator().evaluate({ source, timeoutMs: 1_000, input: scope.input, bindings }));
    expect(isolated).toEqual(inProcess);
  });
});
