import { afterAll, describe, expect, it } from "vitest";
import { PermanentError, TimeoutError } from "../../errors";
import { evaluateExpression, type ExpressionScope } from "../evaluate";
import { isolatedEvaluator } from "./shared";
import { settleCountingTicks } from "./testing/event-loop";

const scope = (input: unknown): ExpressionScope => ({ input, steps: {}, vars: {}, run: { id: "run-1" } });

/** 2^27 characters by `:=` doubling, then an array as long: V8 aborts the process ("invalid size"). */
const stringDoubling = `($s := "x";${" $s := $s & $s;".repeat(27)} $count($split($s, "")))`;
/** `$append` doubling to half the sequence cap, then 40 such arrays side by side: past the heap limit. */
const appendDoubling = `($a := [1];${" $a := $append($a, $a);".repeat(18)} [${Array(40).fill("[$append($a, $a)]").join(", ")}])`;
const thirtyCharacters = { s: `${"a".repeat(29)}!` };

// [attack, expression, input, time limit (ms), error class, message]. The memory attacks get a long
// time limit so that the heap limit, not the clock, is what stops them on a loaded machine.
const attacks: [string, string, unknown, number, typeof PermanentError | typeof TimeoutError, string][] = [
  ["string doubling, then $split", stringDoubling, {}, 10_000, PermanentError, "expression exceeded its memory limit of 128 MB"],
  ["a catastrophic regex on 30 characters", "$contains($input.s, /(a+)+$/)", thirtyCharacters, 1_000, TimeoutError, "expression exceeded its time limit of 1000 ms"],
  ["$pad to 100 million characters", "$pad('x', 100000000)", {}, 10_000, PermanentError, "expression failed: its result is 100000000 characters; the limit is 1000000"],
  ["$append doubling", appendDoubling, {}, 10_000, PermanentError, "expression exceeded its memory limit of 128 MB"],
];

afterAll(() => isolatedEvaluator().close());

describe("expressions outside the bounded subset", () => {
  it.each(attacks)("%s fails that evaluation only, and the event loop keeps turning", async (_attack, source, input, timeoutMs, errorClass, message) => {
    const { outcome, ticks } = await settleCountingTicks(evaluateExpression(source, scope(input), timeoutMs));
    expect(outcome.status).toBe("rejected");
    const error = (outcome as PromiseRejectedResult).reason as Error;
    expect(error).toBeInstanceOf(errorClass);
    expect(error.message).toContain(message);
    expect(ticks).toBeGreaterThan(0);
    expect(await evaluateExpression("$map([1, 2], function($n) { $n * 2 })", scope({}))).toEqual([2, 4]);
  });

  it("replaces a child killed during an evaluation; the next evaluation succeeds", async () => {
    await evaluateExpression("$map([1], function($n) { $n })", scope({})); // a child is up and idle
    const [first] = isolatedEvaluator().childPidsForTests();
    const running = evaluateExpression("$contains($input.s, /(a+)+$/)", scope(thirtyCharacters));
    process.kill(first!, "SIGKILL");
    await expect(running).rejects.toThrow("the expression evaluator stopped (signal SIGKILL)");
    await expect(running).rejects.toBeInstanceOf(PermanentError);
    expect(await evaluateExpression("$map([3, 4], function($n) { $n + 1 })", scope({}))).toEqual([4, 5]);
    expect(isolatedEvaluator().childPidsForTests()).not.toContain(first);
  });

  it("reports jsonata's errors the way in-process evaluation does", async () => {
    await expect(evaluateExpression("($x := 'a'; $x + 1)", scope({}))).rejects.toThrow(/^expression failed: The left side of the "\+" operator must evaluate to a number/);
    const deepRecursion = evaluateExpression("($f := function($n) { 1 + $f($n) }; $f(0))", scope({}));
    await expect(deepRecursion).rejects.toThrow(/^expression failed: Stack overflow/);
    await expect(deepRecursion).rejects.toBeInstanceOf(PermanentError);
  });
});
