import { afterAll, describe, expect, it } from "vitest";
import { CancelledError, PermanentError, StepFailure, TimeoutError, TransientError } from "../errors";
import { limits } from "../definition/limits";
import { createSandbox, type CodeRequest } from "./index";
import { SandboxPool } from "./pool";
import { settledAtOnce, startedSignal } from "./testing/signals";

const sandbox = createSandbox({ workers: 1 });
afterAll(() => sandbox.close());

const globals: CodeRequest["globals"] = {
  input: { a: 1, total: 5 },
  steps: { fetch: { output: { n: 10 } } },
  vars: { region: "eu" },
  attempt: 2,
};

function run(source: string, extra: Partial<CodeRequest> = {}, on = sandbox) {
  return on.run({ source, globals, tenant: "team:t1", timeoutMs: 2_000, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<StepFailure> {
  const error = await promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StepFailure);
  return error as StepFailure;
}

async function expectHealthy(on = sandbox) {
  await expect(run("return input.a + 1", {}, on)).resolves.toBe(2);
}

describe("outputs and globals", () => {
  it("returns the JSON value of the body, seeing input, steps, vars and attempt", async () => {
    const source = "return { ok: input.total > 0, n: steps.fetch.output.n, region: vars.region, attempt }";
    await expect(run(source)).resolves.toEqual({ ok: true, n: 10, region: "eu", attempt: 2 });
  });

  it("maps undefined (or no return) to null", async () => {
    await expect(run("return undefined")).resolves.toBeNull();
    await expect(run("const x = 1;")).resolves.toBeNull();
  });

  it("copies the globals in as JSON: no shared references, JSON semantics", async () => {
    const input = { list: [1], when: new Date(0) };
    const output = await run("input.list.push(2); return input", { globals: { ...globals, input } });
    expect(output).toEqual({ list: [1, 2], when: "1970-01-01T00:00:00.000Z" });
    expect(input.list).toEqual([1]);
  });

  it("rejects globals that are not JSON-serializable", async () => {
    const error = await failure(run("return 1", { globals: { ...globals, input: 1n } }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/globals are not JSON-serializable/);
  });
});

describe("errors thrown by the code", () => {
  it("maps PermanentError to an engine PermanentError", async () => {
    const error = await failure(run('throw new PermanentError("bad input")'));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toBe("bad input");
  });

  it.each([
    ['throw new Error("boom")', "boom"],
    ["null.x", /^TypeError: /],
    ['throw "oops"', "non-Error thrown: oops"],
    ["throw 42", "non-Error thrown: 42"],
    ["throw { a: 1 }", 'non-Error thrown: {"a":1}'],
    ["throw undefined", "non-Error thrown: undefined"],
    ["throw null", "non-Error thrown: null"],
  ])("maps `%s` to a TransientError", async (source, message) => {
    const error = await failure(run(source));
    expect(error).toBeInstanceOf(TransientError);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it("maps a syntax error to a PermanentError", async () => {
    const error = await failure(run("return (1 +"));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/^SyntaxError: /);
  });

  it("maps deep recursion to a stack overflow without harming the process", async () => {
    const error = await failure(run("function f() { return f() } return f()"));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/stack overflow/);
    await expectHealthy();
  });
});

describe("outputs that cannot be returned", () => {
  it.each([
    ["return () => 1", "the returned value is a function"],
    ["return Symbol('s')", "the returned value is a symbol"],
    ["return 10n", "the returned value is a bigint"],
    ["return { nested: { fn() {} } }", 'property "fn" is a function'],
    ["const a = {}; a.self = a; return a", "circular"],
  ])("rejects `%s` as not JSON-serializable", async (source, detail) => {
    const error = await failure(run(source));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain("not JSON-serializable");
    expect(error.message).toContain(detail);
  });

  it("caps the output at 1,000,000 bytes, counted in UTF-8", async () => {
    await expect(run('return "x".repeat(999_990)')).resolves.toHaveLength(999_990);
    for (const source of ['return "x".repeat(1_000_001)', 'return "é".repeat(600_000)']) {
      const error = await failure(run(source));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error.message).toMatch(/^output too large/);
    }
  });

  it("reports a getter that throws null while the output is serialized", async () => {
    const error = await failure(run("return { get x() { throw null } }"));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toBe("output is not JSON-serializable: non-Error thrown: null");
  });

  it("refuses a returned promise: code steps are synchronous", async () => {
    const error = await failure(run("return Promise.resolve(1)"));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/must return synchronously/);
  });
});

describe("limits", () => {
  it("takes a result that came in time while this process was too busy to read it, not a timeout", async () => {
    const pool = new SandboxPool({ workers: 1, maxQueueWaitMs: 60_000, graceMs: 100 });
    try {
      await expectHealthy(pool); // a worker is ready: the next request is posted at once
      // Off the message port's callback, which would read the answer itself after this block.
      await new Promise((resolve) => setImmediate(resolve));
      const result = run("return 41 + 1", { timeoutMs: 200 }, pool);
      // The deadline (200 + 100 ms) passes while this thread is busy; the worker's answer waits, unread.
      const until = performance.now() + 1_500;
      while (performance.now() < until);
      expect(await result).toBe(42);
    } finally {
      await pool.close();
    }
  });

  it("takes a result that came in time while this process was busy until just past the deadline, not a timeout", async () => {
    const pool = new SandboxPool({ workers: 1, maxQueueWaitMs: 60_000, graceMs: 100 });
    try {
      await expectHealthy(pool);
      await new Promise((resolve) => setImmediate(resolve));
      const result = run("return 41 + 1", { timeoutMs: 200 }, pool);
      // Busy until 50 ms past the deadline (200 + 100 ms): its timer fires nearly on time, with the answer unread.
      const until = performance.now() + 350;
      while (performance.now() < until);
      expect(await result).toBe(42);
    } finally {
      await pool.close();
    }
  });

  it("times out an infinite loop by its interrupt, then serves the next request on the same worker", async () => {
    // With a grace period past the test's own timeout, only the interrupt can end the loop in time:
    // a worker left spinning would be terminated only after a minute, and serve nothing before.
    const pool = new SandboxPool({ workers: 1, maxQueueWaitMs: 60_000, graceMs: 60_000 });
    try {
      const error = await failure(run("while (true) {}", { timeoutMs: 300 }, pool));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe("code step timed out after 300 ms");
      await expectHealthy(pool);
      expect(pool.stats().workers).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it.each([
    ["many objects", "const a = []; while (true) a.push({ x: a.length })"],
    ["string doubling", 'let s = "x"; while (true) s += s;'],
    ["string doubling, flattened", 'let s = "x"; while (true) { s += s; s.charCodeAt(1) }'],
    ["a huge array", "return new Array(1e9).fill(0)"],
    ["a huge typed array", "return new Float64Array(2e8).length"],
    // Flat 1 MB strings: each is one allocation, which setMemoryLimit barely counts.
    ["many 1 MB strings", 'let s = "x"; for (let i = 0; i < 20; i++) s += s; const a = []; while (true) a.push((s + a.length).slice(1))'],
    ["many 1 MB typed arrays", "const a = []; while (true) a.push(new Uint8Array(1e6))"],
  ])("stops runaway allocation (%s) with a clear error; the pool recovers", async (_shape, source) => {
    const error = await failure(run(source, { timeoutMs: 3_000 }));
    expect(error.message).toMatch(/exceeded its memory limit|timed out/);
    expect(error.kind === "permanent" || error.kind === "timeout").toBe(true);
    await expectHealthy();
  }, 15_000);

  // Out of memory among many small allocations, QuickJS cannot allocate its "out of memory" error
  // either and throws null; the worker sees the refused heap growth and reports the memory limit.
  it.each([
    ["objects with strings (hits the heap cap)", 'const a = []; while (true) a.push({ i: a.length, s: "x".repeat(100) })'],
    ["nested small arrays", "const a = []; while (true) a.push([[a.length]])"],
  ])("reports memory, not a thrown null, when many small allocations (%s) exhaust it", async (_shape, source) => {
    const error = await failure(run(source, { timeoutMs: 30_000 }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/^code step exceeded its memory limit of 32 MiB \(/);
    await expectHealthy();
  }, 40_000);

  it("ends the same allocation under the default timeout as memory or timeout, never as a thrown null", async () => {
    const source = 'const a = []; while (true) a.push({ i: a.length, s: "x".repeat(100) })';
    const error = await failure(run(source, { timeoutMs: limits.defaultCodeTimeoutMs }));
    expect(error.kind === "permanent" || error.kind === "timeout").toBe(true);
    expect(error.message).toMatch(/exceeded its memory limit|timed out/);
    await expectHealthy();
  }, 15_000);

  it("still reports a genuine throw null after a large allocation that fit", async () => {
    const error = await failure(run('let big = "x".repeat(50e6); big = null; throw null', { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe("non-Error thrown: null");
  }, 15_000);

  it("terminates a worker stuck in a builtin past the deadline and replaces it", async () => {
    // QuickJS's JSON.stringify is quadratic in nesting depth and polls no interrupt: only the
    // pool's outer deadline (timeoutMs + 1 s grace) ends this, by terminating the worker.
    const source = "let o = {}; for (let i = 0; i < 30000; i++) o = { o }; JSON.stringify(o); return 1";
    const error = await failure(run(source, { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(TimeoutError);
    await expectHealthy();
  }, 10_000);
});

describe("cancellation", () => {
  it("rejects at once when the signal is already aborted", async () => {
    const error = await failure(run("return 1", { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(CancelledError);
  });

  it("interrupts running code when the signal fires; the same worker serves the next request", async () => {
    const pool = new SandboxPool({ workers: 1, maxQueueWaitMs: 60_000, graceMs: 60_000 }); // see the timeout test
    try {
      const controller = new AbortController();
      const started = startedSignal();
      const outcome = run("while (true) {}", { timeoutMs: 60_000, signal: controller.signal, onStart: started.fire }, pool);
      await started.promise;
      controller.abort();
      expect(await settledAtOnce(outcome)).toBeInstanceOf(CancelledError);
      await expectHealthy(pool);
      expect(pool.stats().workers).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("cancels at once code that may be in a builtin that never polls the interrupt, then serves the next request", async () => {
    // QuickJS's JSON.stringify is quadratic in nesting depth and polls no interrupt: a worker stuck
    // in it is terminated after the grace period, and a fresh one serves the next request.
    const controller = new AbortController();
    const started = startedSignal();
    const source = "let o = {}; for (let i = 0; i < 30000; i++) o = { o }; JSON.stringify(o); return 1";
    const outcome = run(source, { timeoutMs: 60_000, signal: controller.signal, onStart: started.fire });
    await started.promise;
    controller.abort();
    expect(await settledAtOnce(outcome)).toBeInstanceOf(CancelledError);
    await expectHealthy();
  }, 10_000);

  it("removes a queued request when its signal fires, leaving the others alone", async () => {
    const controller = new AbortController();
    const startedSecond = startedSignal();
    const first = run("const end = Date.now() + 150; while (Date.now() < end) {} return 1");
    const second = failure(run("return 2", { signal: controller.signal, onStart: startedSecond.fire }));
    const third = run("return 3");
    controller.abort(); // the first holds (or is next for) the only worker: the second is still queued
    await expect(first).resolves.toBe(1);
    expect(await second).toBeInstanceOf(CancelledError);
    await expect(third).resolves.toBe(3);
    expect(startedSecond.fired()).toBe(false);
  });
});

describe("isolation and capabilities", () => {
  it("offers no I/O: require, process, fetch, timers are undefined", async () => {
    const source = "return [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof module, typeof std, typeof os]";
    await expect(run(source)).resolves.toEqual(Array(7).fill("undefined"));
  });

  it("gives every run a fresh context", async () => {
    await run('globalThis.leak = 1; Object.prototype.polluted = true; input.a = 99; Array.prototype.push = null; return 1');
    const source = "return [typeof leak, ({}).polluted === undefined, input.a, typeof [].push]";
    await expect(run(source)).resolves.toEqual(["undefined", true, 1, "function"]);
  });
});

describe("the pool", () => {
  it("queues requests FIFO when the only worker is busy", async () => {
    const started: number[] = [];
    const body = (i: number) => `const end = Date.now() + 30; while (Date.now() < end) {} return ${i}`;
    const runs = [0, 1, 2, 3, 4].map((i) => run(body(i), { onStart: () => started.push(i) }));
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects the request of a crashed worker and serves the next one", async () => {
    const pool = createSandbox({ workers: 1 }) as SandboxPool;
    try {
      await expectHealthy(pool);
      const started = startedSignal();
      const running = failure(run("while (true) {}", { timeoutMs: 10_000, onStart: started.fire }, pool));
      await started.promise;
      pool.crashWorkersForTests();
      const error = await running;
      expect(error).toBeInstanceOf(TransientError);
      expect(error.message).toMatch(/^sandbox worker exited unexpectedly/);
      await expectHealthy(pool);
    } finally {
      await pool.close();
    }
  });

  it("rejects running, queued and later requests after close", async () => {
    const pool = createSandbox({ workers: 1 });
    const started = startedSignal();
    const running = failure(run("while (true) {}", { timeoutMs: 10_000, onStart: started.fire }, pool));
    const queued = failure(run("return 1", {}, pool));
    await started.promise;
    await pool.close();
    expect((await running).message).toBe("sandbox is closed");
    expect((await queued).message).toBe("sandbox is closed");
    expect((await failure(run("return 1", {}, pool))).message).toBe("sandbox is closed");
  });
});
