import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { parseEgressAllowList } from "../steps/http/egress-policy";
import { localServer, type LocalServer } from "../steps/http/testing/local-servers";
import { engineRunner, workflow } from "./testing/engine-fixture";

// Errors that steer: a service's `Retry-After` sets the next attempt's delay (cut to the policy's
// `maxRetryAfterMs`), `retry.on` picks the error kinds that are retried, and `assign` sees the
// step's own result under `$steps.<id>.output` as well as `$output`.
const { databases } = await createBothStores();

/** Answers the first `failing` requests with `status` and the header, then 200 `{ ok: true }`. */
function flakyServer(failing: number, status: number, retryAfter?: string): Promise<LocalServer> {
  let seen = 0;
  return localServer("127.0.0.1", (_request, response) => {
    seen += 1;
    if (seen <= failing) response.writeHead(status, retryAfter === undefined ? {} : { "retry-after": retryAfter }).end("busy");
    else response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
}

describe.each(databases)("errors that steer on %s", (_name, openStore) => {
  async function withRunner<T>(use: (runner: ReturnType<typeof engineRunner>) => Promise<T>): Promise<T> {
    const store = await openStore();
    const runner = engineRunner(store, { httpEgress: parseEgressAllowList("127.0.0.1") });
    try {
      return await use(runner);
    } finally {
      await runner.engine.stop();
      await store.close();
    }
  }
  const http = (url: string, retry: Record<string, unknown>) => workflow([{ id: "call", type: "http", config: { url }, retry, breaker: { enabled: false } }]);
  const retryingDelays = (events: { type: string; payload: Record<string, unknown> }[]) =>
    events.filter((event) => event.type === "step.retrying").map((event) => event.payload.delayMs);

  it("Retry-After in seconds on a 429 sets the next attempt's delay instead of the backoff", async () => {
    const server = await flakyServer(1, 429, "1");
    try {
      await withRunner(async ({ run }) => {
        const result = await run(http(server.url, { maxAttempts: 2, initialDelayMs: 10, jitter: 0 }));
        expect(result.steps.call!.status).toBe("completed");
        expect(retryingDelays(result.events)).toEqual([1000]);
        const retrying = result.events.find((event) => event.type === "step.retrying")!;
        expect(retrying.payload.error).toMatchObject({ kind: "transient", retryAfterMs: 1000 });
        const started = result.events.filter((event) => event.type === "step.started").map((event) => event.at.getTime());
        expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(1000);
      });
    } finally {
      await server.close();
    }
  });

  it("a Retry-After date on a 503 is honoured, and a long one is cut to maxRetryAfterMs", async () => {
    const soon = new Date(Date.now() + 60_000).toUTCString();
    const server = await flakyServer(1, 503, soon);
    try {
      await withRunner(async ({ run }) => {
        const result = await run(http(server.url, { maxAttempts: 2, initialDelayMs: 10, jitter: 0, maxRetryAfterMs: 300 }));
        expect(result.steps.call!.status).toBe("completed");
        expect(retryingDelays(result.events)).toEqual([300]);
      });
    } finally {
      await server.close();
    }
  });

  it("without Retry-After (or on a 500) the backoff applies", async () => {
    const server = await flakyServer(1, 500, "30");
    try {
      await withRunner(async ({ run }) => {
        const result = await run(http(server.url, { maxAttempts: 2, backoff: "fixed", initialDelayMs: 20, jitter: 0 }));
        expect(result.steps.call!.status).toBe("completed");
        expect(retryingDelays(result.events)).toEqual([20]);
      });
    } finally {
      await server.close();
    }
  });

  it("retry.on lists the error kinds that are retried", async () => {
    await withRunner(async ({ run }) => {
      const retry = { backoff: "fixed", initialDelayMs: 1, jitter: 0, maxAttempts: 3 };
      const code = (source: string, on?: string[]) => workflow([{ id: "s", type: "code", config: { source }, retry: { ...retry, ...(on && { on }) } }]);
      // Permanent errors are not retried by default; with "permanent" listed they are.
      const permanentDefault = await run(code("throw new PermanentError('bad ' + attempt)"));
      expect([permanentDefault.steps.s!.status, permanentDefault.steps.s!.attempt]).toEqual(["failed", 1]);
      const permanentListed = await run(code("if (attempt < 3) throw new PermanentError('bad'); return attempt", ["permanent"]));
      expect([permanentListed.steps.s!.status, permanentListed.steps.s!.output]).toEqual(["completed", 3]);
      // Transient errors are retried by default; a list without "transient" fails at once.
      const transientUnlisted = await run(code("throw new Error('flaky')", ["timeout"]));
      expect([transientUnlisted.steps.s!.status, transientUnlisted.steps.s!.attempt]).toEqual(["failed", 1]);
      const timeoutUnlisted = await run(workflow([{ id: "s", type: "code", config: { source: "while (true) {}" }, timeoutMs: 200, retry: { ...retry, on: ["transient"] } }]));
      expect([timeoutUnlisted.steps.s!.error?.kind, timeoutUnlisted.steps.s!.attempt]).toEqual(["timeout", 1]);
    });
  });

  it("an assign sees its own step's result as $steps.<id>.output and $output", async () => {
    await withRunner(async ({ run }) => {
      const result = await run(
        workflow(
          [
            { id: "first", type: "code", config: { source: "return { n: 1 }" } },
            { id: "total", type: "code", config: { source: "return { n: 41 }" }, assign: { viaSteps: "$steps.total.output.n + $steps.first.output.n", viaOutput: "$output.n" } },
          ],
          [{ from: "first", to: "total" }],
        ),
      );
      expect(result.run.vars).toEqual({ viaSteps: 42, viaOutput: 41 });
    });
  });
});
