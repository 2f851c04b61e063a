import { afterAll, describe, expect, it } from "vitest";
import { PermanentError, TimeoutError } from "../errors";
import { compileExpression } from "./compile";
import { evaluateExpression, evaluateTrivially, notTrivial, renderTemplate, type ExpressionScope } from "./evaluate";
import { isolatedEvaluator } from "./isolated/shared";

const scope: ExpressionScope = {
  input: { total: 120, customer: { tier: "vip" }, items: [1, 2, 3] },
  steps: { validate: { output: { ok: true, score: 7 } } },
  vars: { region: "eu" },
  run: { id: "run-1", attempt: 2, startedAt: "2026-11-23T10:00:00.000Z" },
};

afterAll(() => isolatedEvaluator().close());

describe("evaluateExpression", () => {
  it("binds $input, $steps, $vars and $run, with the input as the context", async () => {
    expect(await evaluateExpression("$input.customer.tier = 'vip' and total > 100", scope)).toBe(true);
    expect(await evaluateExpression("$steps.validate.output.score * 2", scope)).toBe(14);
    expect(await evaluateExpression("$vars.region & '-' & $run.id & '#' & $run.attempt", scope)).toBe("eu-run-1#2");
    expect(await evaluateExpression("$input.items.($ * 10)", scope)).toEqual([10, 20, 30]);
  });

  it("gives plain JSON: undefined becomes null, functions are dropped", async () => {
    expect(await evaluateExpression("$input.missing", scope)).toBeNull();
    expect(await evaluateExpression("function($x) { $x }", scope)).toBeNull();
    expect(await evaluateExpression("{ 'a': [1, { 'b': $input.total }] }", scope)).toEqual({ a: [1, { b: 120 }] });
  });

  it("answers a lone literal or run-data variable without jsonata, the variable as a copy", async () => {
    expect(["1", "'a'", "false", "null", "$vars", "$output"].map((source) => compileExpression(source, 1_000).trivial)).toEqual([
      { literal: 1 },
      { literal: "a" },
      { literal: false },
      { literal: null },
      { variable: "vars" },
      { variable: "output" },
    ]);
    // Anything attached or around it is jsonata's: filters, paths, functions, `$` itself.
    for (const source of ["$vars[0]", "$vars.region", "1[0]", "$sum", "$", "-$input.total", "[1]"]) expect(compileExpression(source, 1_000).trivial).toBeNull();
    const vars = await evaluateExpression("$vars", scope);
    expect(vars).toEqual({ region: "eu" });
    expect(vars).not.toBe(scope.vars);
    expect(await evaluateExpression("$output", { ...scope, extra: { output: undefined } })).toBeNull();
  });

  it("sees step-specific names such as $item and $output", async () => {
    expect(await evaluateExpression("$item.name & $string($index)", { ...scope, extra: { item: { name: "x" }, index: 3 } })).toBe("x3");
  });

  it("stops a runaway expression at its time limit with a timeout error", async () => {
    const attempt = evaluateExpression("($f := function($n) { $n < 0 ? 0 : $f($n + 1) }; $f(0))", scope, 100);
    await expect(attempt).rejects.toBeInstanceOf(TimeoutError);
    await expect(attempt).rejects.toThrow("expression exceeded its time limit of 100 ms");
  });

  it("builds only the bindings an expression mentions ($steps is computed on first read)", async () => {
    let stepsRead = 0;
    const counting: ExpressionScope = {
      ...scope,
      get steps() {
        stepsRead++;
        return scope.steps;
      },
    };
    expect(await evaluateExpression("$vars.region", counting)).toBe("eu");
    expect(stepsRead).toBe(0);
    expect(await evaluateExpression("$steps.validate.output.score", counting)).toBe(7);
    expect(await evaluateExpression("$eval('$steps.validate.output.ok')", counting)).toBe(true);
    expect(stepsRead).toBe(2);
  });

  it("caps huge sequences", async () => {
    await expect(evaluateExpression("$count([1..100000000])", scope)).rejects.toThrow(/expression failed/);
  });

  it("reports evaluation errors and syntax errors as permanent", async () => {
    await expect(evaluateExpression("$error('custom failure')", scope)).rejects.toThrow("expression failed: custom failure");
    await expect(evaluateExpression("1 +", scope)).rejects.toBeInstanceOf(PermanentError);
    await expect(evaluateExpression("$input.total + 'x'", scope)).rejects.toBeInstanceOf(PermanentError);
  });
});

describe("evaluateTrivially", () => {
  it.each(['"eu"', "42", "true", "null", "$input", "$vars", "$run"])("answers %s as evaluateExpression resolves it", async (source) => {
    expect(evaluateTrivially(source, scope)).toEqual(await evaluateExpression(source, scope));
  });

  it.each(["$input.total", "1 + 1", '"a" & "b"', "$steps.validate.output.ok"])("leaves %s to evaluateExpression", (source) => {
    expect(evaluateTrivially(source, scope)).toBe(notTrivial);
  });
});

describe("renderTemplate", () => {
  it("inserts strings as they are and other values as JSON", async () => {
    expect(await renderTemplate("https://api.test/{{ $input.customer.tier }}/{{ $input.items }}?t={{ $input.total }}", scope)).toBe(
      "https://api.test/vip/[1,2,3]?t=120",
    );
  });

  it("leaves text without placeholders unchanged", async () => {
    expect(await renderTemplate("plain text", scope)).toBe("plain text");
  });
});
