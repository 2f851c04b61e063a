import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PermanentError, TransientError } from "../../errors";
import { IsolatedEvaluatorPool, type IsolatedEvaluatorOptions, type IsolatedRequest } from "./pool";

const pools: IsolatedEvaluatorPool[] = [];
const poolWith = (options: IsolatedEvaluatorOptions = {}) => {
  const pool = new IsolatedEvaluatorPool(options);
  pools.push(pool);
  return pool;
};
const request = (source: string, input: unknown = {}): IsolatedRequest => ({ source, timeoutMs: 1_000, input, bindings: {} });
const catastrophicRegex = request("$contains($input.s, /(a+)+$/)", { s: `${"a".repeat(29)}!` });

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe("IsolatedEvaluatorPool", () => {
  it("answers requests one at a time per child, first in first out", async () => {
    const pool = poolWith();
    const finished: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pool.evaluate(request(`$map([${n}, 0], function($x) { $x })`)).then(() => finished.push(n))));
    expect(finished).toEqual([1, 2, 3]);
    expect(pool.childPidsForTests()).toHaveLength(1);
  });

  it("starts up to `workers` children while requests wait", async () => {
    const pool = poolWith({ workers: 2 });
    expect(await Promise.all([pool.evaluate(request("1 + 1")), pool.evaluate(request("2 + 2"))])).toEqual([2, 4]);
    expect(new Set(pool.childPidsForTests()).size).toBe(2);
  });

  it("takes an answer that came in time while this process was too busy to read it, not a timeout", async () => {
    const pool = poolWith();
    await pool.evaluate(request("1")); // a child is ready: the next request is sent at once
    await new Promise((resolve) => setImmediate(resolve)); // off the pipe's read callback, like a step handler
    const answer = pool.evaluate({ ...request("[1..3]"), timeoutMs: 100 });
    // What a map step creating 10,000 child runs does: the deadline (100 + 250 ms) passes while
    // this process is busy, and the child's answer waits in the pipe, unread.
    busyFor(1_500);
    expect(await answer).toEqual([1, 2, 3]);
  });

  it("takes an answer that came in time while this process was busy until just past the deadline, not a timeout", async () => {
    const pool = poolWith();
    await pool.evaluate(request("1"));
    await new Promise((resolve) => setImmediate(resolve));
    const answer = pool.evaluate({ ...request("[1..3]"), timeoutMs: 100 });
    // Busy until 100 ms past the deadline (100 + 250 ms): the timer fires nearly on time, yet the
    // pipe was not read since the request was sent. (The cancel-tree test hung on this: a sibling
    // map's 10,000 child runs held the loop for about the deadline, and the step failed.)
    busyFor(450);
    expect(await answer).toEqual([1, 2, 3]);
  });

  it("refuses a result larger than its cap", async () => {
    const pool = poolWith({ maxResultChars: 10 });
    const attempt = pool.evaluate(request("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"));
    await expect(attempt).rejects.toThrow("expression failed: its result is 22 characters; the limit is 10");
    await expect(attempt).rejects.toBeInstanceOf(PermanentError);
  });

  it("fails the waiting requests with a transient error when a child cannot start", async () => {
    const pool = poolWith({ bundlePath: path.resolve("generated/no-such-evaluator.cjs") });
    const attempt = pool.evaluate(request("1"));
    await expect(attempt).rejects.toThrow(/^the expression evaluator failed to start \(exit code 1\)/);
    await expect(attempt).rejects.toBeInstanceOf(TransientError);
  });

  it("on close fails running and later requests and kills its children", async () => {
    const pool = poolWith();
    await pool.evaluate(request("1"));
    const running = expect(pool.evaluate(catastrophicRegex)).rejects.toThrow("the expression evaluator is closed");
    await pool.close();
    await running;
    await expect(pool.evaluate(request("1"))).rejects.toBeInstanceOf(TransientError);
    expect(pool.childPidsForTests()).toEqual([]);
  });
});

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}
