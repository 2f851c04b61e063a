import { afterEach, describe, expect, it } from "vitest";
import { CancelledError, StepFailure, TimeoutError, TransientError } from "../errors";
import type { CodeRequest } from "./index";
import { SandboxPool } from "./pool";
import { settledAtOnce, startedSignal } from "./testing/signals";

// The pool with real QuickJS workers: fair sharing between tenants, time counted from the start,
// crashes contained. Orders are asserted through `onStart`, never through durations.

const globals: CodeRequest["globals"] = { input: null, steps: {}, vars: {}, attempt: 1 };
const pools: SandboxPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function poolOf(workers: number, options: { maxQueueWaitMs?: number } = {}) {
  const pool = new SandboxPool({ workers, maxQueueWaitMs: options.maxQueueWaitMs ?? 60_000 });
  pools.push(pool);
  return pool;
}

/** Runs `source` for `tenant`; when a worker starts it, records `label` (default: the tenant) in `starts`. */
function runOn(pool: SandboxPool, tenant: string, source: string, extra: Partial<CodeRequest> & { starts?: string[]; label?: string } = {}) {
  const { starts, label, onStart, ...rest } = extra;
  const request: CodeRequest = { source, globals, tenant, timeoutMs: 60_000, ...rest };
  if (starts || onStart)
    request.onStart = () => {
      starts?.push(label ?? tenant);
      onStart?.();
    };
  const result = pool.run(request);
  // Tests await results in their own order; one failing before its turn must not count as unhandled.
  result.catch(() => undefined);
  return { request, result };
}

const busy = (ms: number, value: string) => `const end = Date.now() + ${ms}; while (Date.now() < end) {} return ${JSON.stringify(value)}`;

/** Runs trivial requests until one completes: the pool then has a ready, idle worker. */
async function warmUp(pool: SandboxPool) {
  // A worker starting up counts as waiting too: with a short queue bound on a busy machine, the
  // first request may expire before its worker is ready (the worker stays and serves the next).
  for (;;) {
    const error = await runOn(pool, "warm-up", "return 1").result.then(() => null, (thrown: Error) => thrown);
    if (!error) return;
    expect(error.message).toMatch(/^code step could not start/);
  }
}

async function failure(promise: Promise<unknown>): Promise<StepFailure> {
  const error = await promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(StepFailure);
  return error as StepFailure;
}

describe("sharing the workers between tenants", () => {
  it("starts workers only as requests can use them: one tenant's burst gets all but one", async () => {
    const pool = poolOf(3);
    expect(pool.stats().workers).toBe(0);
    const results = Array.from({ length: 8 }, (_, i) => runOn(pool, "team:a", `return ${i}`).result);
    expect(pool.stats().workers).toBe(2);
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(pool.stats()).toEqual({ workers: 2, busy: 0, queued: 0 });
  });

  it("serves another team at once while one team floods the pool with endless loops", async () => {
    const pool = poolOf(3); // a tenant may hold 2
    const starts: string[] = [];
    const flood = new AbortController();
    const started = [startedSignal(), startedSignal()];
    const loops = Array.from({ length: 5 }, (_, i) =>
      runOn(pool, "team:a", "while (true) {}", { signal: flood.signal, starts, label: `a${i}`, onStart: started[i]?.fire ?? (() => {}) }),
    );
    await Promise.all(started.map((signal) => signal.promise));
    expect(pool.stats()).toEqual({ workers: 2, busy: 2, queued: 3 }); // no worker started for loops that may not run

    await expect(runOn(pool, "team:b", "return 'b'", { starts }).result).resolves.toBe("b");
    const [firstTwo, rest] = [starts.slice(0, 2).sort(), starts.slice(2)]; // a0 and a1 start on two workers, in either order
    expect([firstTwo, rest]).toEqual([["a0", "a1"], ["team:b"]]); // a2..a4 still wait: their team holds its share
    expect(pool.stats().workers).toBe(3);

    flood.abort();
    for (const loop of loops) expect(await failure(loop.result)).toBeInstanceOf(CancelledError);
    expect(starts).toHaveLength(3); // the queued loops were dropped, never started
  });

  it("serves waiting teams round-robin, FIFO within a team", async () => {
    const pool = poolOf(1); // one worker: the order requests start in is the order the queue chose
    const starts: string[] = [];
    //  queued at once: A1 A2 A3 A4 B1 B2 C1      started: A1 B1 C1 A2 B2 A3 A4
    const queued = [["A", "A1"], ["A", "A2"], ["A", "A3"], ["A", "A4"], ["B", "B1"], ["B", "B2"], ["C", "C1"]];
    const results = queued.map(([tenant, label]) => runOn(pool, tenant!, `return "${label}"`, { starts, label: label! }).result);
    expect(await Promise.all(results)).toEqual(["A1", "A2", "A3", "A4", "B1", "B2", "C1"]);
    expect(starts).toEqual(["A1", "B1", "C1", "A2", "B2", "A3", "A4"]);
  });

  it("never lets a tenant hold more than its share, even with idle workers", async () => {
    const pool = poolOf(2); // a tenant may hold 1
    const running = new Map<string, number>();
    const starts: string[] = [];
    let overShare = 0;
    const run = (tenant: string, label: string) => {
      const request: CodeRequest = { source: busy(20, label), globals, tenant, timeoutMs: 60_000 };
      request.onStart = () => {
        starts.push(label);
        running.set(tenant, (running.get(tenant) ?? 0) + 1);
        if (running.get(tenant)! > 1) overShare++;
      };
      return pool.run(request).finally(() => running.set(tenant, running.get(tenant)! - 1));
    };
    const results = [...["A1", "A2", "A3", "A4"].map((label) => run("A", label)), run("B", "B1"), run("B", "B2")];
    expect(await Promise.all(results)).toEqual(["A1", "A2", "A3", "A4", "B1", "B2"]);
    expect(starts.filter((label) => label.startsWith("A"))).toEqual(["A1", "A2", "A3", "A4"]);
    expect(starts.filter((label) => label.startsWith("B"))).toEqual(["B1", "B2"]);
    expect(overShare).toBe(0);
  });
});

describe("time limits", () => {
  it("counts a request's timeout from its start: a burst longer than the timeout completes", async () => {
    const pool = poolOf(2); // one tenant: one worker, so the burst runs one request at a time
    const results = Array.from({ length: 30 }, (_, i) => runOn(pool, "run:r1", busy(50, `r${i}`), { timeoutMs: 1_000 }).result);
    // 30 × 50 ms of running time queue for 1.5 s in all, each request well under its 1 s.
    expect(await Promise.all(results)).toEqual(Array.from({ length: 30 }, (_, i) => `r${i}`));
  });

  it("fails a request that waits longer than the queue bound, with a clear error", async () => {
    const pool = poolOf(1, { maxQueueWaitMs: 200 });
    await warmUp(pool);
    const started = startedSignal(); // the worker is ready and idle: the loop takes it at once
    const stop = new AbortController();
    const loop = runOn(pool, "team:a", "while (true) {}", { signal: stop.signal, onStart: started.fire });
    await started.promise;
    const waiting = startedSignal();
    const error = await failure(runOn(pool, "team:b", "return 1", { onStart: waiting.fire }).result);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe("code step could not start within 200 ms: every sandbox worker it may use stayed busy");
    expect(waiting.fired()).toBe(false);
    stop.abort();
    expect(await failure(loop.result)).toBeInstanceOf(CancelledError);
  });
});

describe("crashes with several workers", () => {
  it("fails only the crashed worker's request; its team's next request and the other team's run on", async () => {
    const pool = poolOf(3);
    const [startedA, startedB] = [startedSignal(), startedSignal()];
    const stopB = new AbortController();
    const a = runOn(pool, "team:a", "while (true) {}", { onStart: startedA.fire });
    const b = runOn(pool, "team:b", "while (true) {}", { onStart: startedB.fire, signal: stopB.signal });
    await Promise.all([startedA.promise, startedB.promise]);

    pool.crashWorkersForTests(a.request);
    const error = await failure(a.result);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/^sandbox worker exited unexpectedly/);
    expect(await settledAtOnce(b.result)).toBe("still pending");
    await expect(runOn(pool, "team:a", "return 'a again'").result).resolves.toBe("a again");

    stopB.abort();
    expect(await failure(b.result)).toBeInstanceOf(CancelledError); // b ran until cancelled, untouched by a's crash
  });

  it("terminates a worker stuck past its deadline while the other workers keep serving", async () => {
    const pool = poolOf(3);
    const stuck = runOn(pool, "team:a", "let o = {}; for (let i = 0; i < 30000; i++) o = { o }; JSON.stringify(o); return 1", { timeoutMs: 200 });
    const stuckFailure = failure(stuck.result);
    const others = Array.from({ length: 10 }, (_, i) => runOn(pool, "team:b", `return ${i}`).result);
    expect(await Promise.all(others)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await stuckFailure).toBeInstanceOf(TimeoutError);
    await expect(runOn(pool, "team:a", "return 'a'").result).resolves.toBe("a");
  }, 10_000);
});
