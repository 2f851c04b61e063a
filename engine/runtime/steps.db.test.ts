import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { ValidationError } from "../definition/issues";
import { PermanentError } from "../errors";
import type { RunStore } from "../ports/run-store";
import { validateDefinition } from "../definition/validate";
import { parseEgressAllowList } from "../steps/http/egress-policy";
import { chain, engineRunner, workflow } from "./testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const child = workflow([{ id: "double", type: "code", config: { source: "return input * 2" } }], [], { output: "$steps.double.output" });
const resolver = {
  async resolve(reference: string) {
    if (reference !== "doubler") throw new PermanentError(`unknown workflow ${reference}`);
    const result = validateDefinition(child);
    if (!result.ok) throw new Error("bad child");
    return { definition: result.definition, workflowId: null, workflowVersionId: null };
  },
};
// The test server listens on 127.0.0.1, which http steps reach only when the policy opens it.
const { engine, run, settled } = engineRunner(store, { resolver, httpEgress: parseEgressAllowList("127.0.0.1") });

let server: http.Server;
let baseUrl = "";
const received: { method: string; path: string; key: string | undefined; body: string }[] = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ method: request.method!, path: request.url!, key: request.headers["idempotency-key"] as string, body });
      const status = Number(new URL(request.url!, "http://x").searchParams.get("status") ?? 200);
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, path: request.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await engine.stop();
  await store.close();
  server.close();
  database.cleanup();
});

describe("step types", () => {
  it("noop passes its output expression, or null", async () => {
    const result = await run(chain({ id: "a", type: "noop", config: { output: "$input.n + 1" } } as never, { id: "b", type: "noop" } as never), { n: 41 });
    expect(result.run.status).toBe("completed");
    expect(result.steps.a!.output).toBe(42);
    expect(result.steps.b!.output).toBeNull();
    expect(result.eventTypes("a")).toEqual(["step.queued", "step.started", "step.completed"]);
  });

  it("code sees input, steps, vars and attempt and returns its output", async () => {
    const result = await run(
      chain(
        { id: "first", type: "noop", config: { output: "'one'" }, assign: { seen: "$output & '!'" } } as never,
        { id: "second", type: "code", config: { source: "return { input, steps, vars, attempt }" } } as never,
      ),
      { x: 1 },
    );
    expect(result.steps.second!.output).toEqual({ input: { x: 1 }, steps: { first: { output: "one" } }, vars: { seen: "one!" }, attempt: 1 });
    expect(result.run.vars).toEqual({ seen: "one!" });
  });

  it("condition takes one branch and skips the other; the join runs once", async () => {
    const definition = workflow(
      [
        { id: "check", type: "condition", config: { expression: "$input.total > 100" } },
        { id: "big", type: "noop", config: { output: "'big'" } },
        { id: "small", type: "noop", config: { output: "'small'" } },
        { id: "after_small", type: "noop" },
        { id: "join", type: "code", config: { source: "return Object.keys(steps).sort()" } },
      ],
      [
        { from: "check", to: "big", branch: "true" },
        { from: "check", to: "small", branch: "false" },
        { from: "small", to: "after_small" },
        { from: "big", to: "join" },
        { from: "after_small", to: "join" },
      ],
    );
    const result = await run(definition, { total: 150 });
    expect(result.run.status).toBe("completed");
    expect([result.steps.check!.branch, result.steps.small!.status, result.steps.after_small!.status]).toEqual(["true", "skipped", "skipped"]);
    expect(result.steps.join!.output).toEqual(["big", "check"]);
    expect(result.eventTypes("join").filter((type) => type === "step.started")).toHaveLength(1);
  });

  it("condition that does not give a boolean fails permanently", async () => {
    const result = await run(workflow([{ id: "c", type: "condition", config: { expression: "'yes'" } }]));
    expect(result.steps.c!.error).toEqual({ kind: "permanent", message: 'condition must evaluate to true or false, got "yes"' });
  });

  it("switch takes the first matching case, else default", async () => {
    const definition = workflow(
      [
        { id: "route", type: "switch", config: { cases: [{ label: "vip", expression: "$input.tier = 'vip'" }, { label: "gold", expression: "$input.tier in ['gold','vip']" }] } },
        { id: "vip", type: "noop" },
        { id: "gold", type: "noop" },
        { id: "other", type: "noop" },
      ],
      [
        { from: "route", to: "vip", branch: "vip" },
        { from: "route", to: "gold", branch: "gold" },
        { from: "route", to: "other", branch: "default" },
      ],
    );
    const statuses = async (tier: string) => {
      const { steps } = await run(definition, { tier });
      return [steps.vip!.status, steps.gold!.status, steps.other!.status];
    };
    expect(await statuses("vip")).toEqual(["completed", "skipped", "skipped"]);
    expect(await statuses("gold")).toEqual(["skipped", "completed", "skipped"]);
    expect(await statuses("bronze")).toEqual(["skipped", "skipped", "completed"]);
  });

  it("http sends templated requests with the idempotency key and returns status, headers and body", async () => {
    const result = await run(
      workflow([{ id: "call", type: "http", config: { method: "POST", url: `${baseUrl}/orders/{{ $input.id }}`, headers: { "x-trace": "t-{{ $input.id }}" }, body: "{ 'qty': $input.qty }" } }]),
      { id: "o7", qty: 3 },
    );
    const output = result.steps.call!.output as { status: number; body: { echo: unknown; path: string } };
    expect(output.status).toBe(200);
    expect(output.body).toEqual({ echo: { qty: 3 }, path: "/orders/o7" });
    expect(received.at(-1)).toMatchObject({ method: "POST", key: `${result.runId}:call:1` });
  });

  it("http classifies 4xx as permanent and 5xx/429 as transient", async () => {
    const call = (status: number) => ({ id: "call", type: "http", config: { url: `${baseUrl}/x?status=${status}` }, retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 } });
    const notFound = await run(workflow([call(404)]));
    expect([notFound.steps.call!.error?.kind, notFound.steps.call!.attempt]).toEqual(["permanent", 1]);
    const unavailable = await run(workflow([call(503)]));
    expect([unavailable.steps.call!.error?.kind, unavailable.steps.call!.attempt]).toEqual(["transient", 2]);
    const limited = await run(workflow([call(429)]));
    expect([limited.steps.call!.error?.kind, limited.steps.call!.attempt]).toEqual(["transient", 2]);
  });

  it("http treats an unreachable host as transient", async () => {
    const result = await run(workflow([{ id: "call", type: "http", config: { url: "http://127.0.0.1:1/nothing" } }]));
    expect(result.steps.call!.error).toEqual({ kind: "transient", message: "request to 127.0.0.1 failed: the host could not be reached or is not allowed" });
  });

  it("http reaches no loopback address unless the engine's egress policy allows it", async () => {
    const closed = engineRunner(store);
    try {
      const before = received.length;
      const result = await closed.run(workflow([{ id: "call", type: "http", config: { url: `${baseUrl}/private` } }]));
      expect(result.steps.call!.error).toEqual({ kind: "transient", message: "request to 127.0.0.1 failed: the host could not be reached or is not allowed" });
      expect(received.length).toBe(before);
    } finally {
      await closed.engine.stop();
    }
  });

  it("delay waits durably for ms or until a time", async () => {
    const started = Date.now();
    const result = await run(chain({ id: "wait", type: "delay", config: { ms: 150 } } as never, { id: "until", type: "delay", config: { until: "$fromMillis($millis() + 100)" } } as never));
    expect(result.run.status).toBe("completed");
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(result.eventTypes("wait")).toEqual(["step.queued", "step.started", "step.waiting", "step.completed"]);
  });

  it("approval waits for an operator, then follows the decision", async () => {
    const definition = workflow(
      [
        { id: "ask", type: "approval", config: { message: "Ship it?" } },
        { id: "ship", type: "noop" },
        { id: "stop_it", type: "noop" },
      ],
      [
        { from: "ask", to: "ship", branch: "approved" },
        { from: "ask", to: "stop_it", branch: "rejected" },
      ],
    );
    const waiting = await run(definition);
    expect([waiting.run.status, waiting.steps.ask!.status]).toEqual(["running", "waiting"]);
    await engine.approveStep(waiting.runId, "ask", { comment: "go", output: { ok: true } }, { by: "ann" });
    const approved = await settled(waiting.runId);
    expect([approved.run.status, approved.steps.ship!.status, approved.steps.stop_it!.status, approved.steps.ask!.output]).toEqual(["completed", "completed", "skipped", { ok: true }]);

    const second = await run(definition);
    await engine.rejectStep(second.runId, "ask", { comment: "no" }, { by: "bob" });
    const rejected = await settled(second.runId);
    expect([rejected.steps.ask!.branch, rejected.steps.ship!.status, rejected.steps.stop_it!.status]).toEqual(["rejected", "skipped", "completed"]);
    expect(rejected.events.find((event) => event.type === "step.completed" && event.stepId === "ask")!.payload).toMatchObject({ by: "bob", comment: "no" });
  });

  it("subworkflow runs a child (by reference or inline) and returns its output", async () => {
    const byReference = await run(workflow([{ id: "sub", type: "subworkflow", config: { workflow: "doubler", input: "$input.n" } }]), { n: 21 });
    expect([byReference.run.status, byReference.steps.sub!.output]).toEqual(["completed", 42]);
    const inline = await run(workflow([{ id: "sub", type: "subworkflow", config: { definition: child, input: "5" } }]));
    expect(inline.steps.sub!.output).toBe(10);
    const children = await store.listChildRuns(inline.runId, "sub");
    expect(children.map((c) => [c.status, c.parentIndex, c.input])).toEqual([["completed", 0, 5]]);
  });

  it("subworkflow with an unknown reference fails permanently", async () => {
    const result = await run(workflow([{ id: "sub", type: "subworkflow", config: { workflow: "nope" } }]));
    expect(result.steps.sub!.error).toEqual({ kind: "permanent", message: "unknown workflow nope" });
    expect(result.run.status).toBe("failed");
  });

  it("map runs a child per item with bounded concurrency and collects outputs in order", async () => {
    const result = await run(workflow([{ id: "each", type: "map", config: { items: "$input.items", definition: child, maxConcurrency: 2 } }]), { items: [1, 2, 3, 4, 5] });
    expect([result.run.status, result.steps.each!.output]).toEqual(["completed", [2, 4, 6, 8, 10]]);
    const children = await store.listChildRuns(result.runId, "each");
    expect(children).toHaveLength(5);
    const spans = children.map((c) => [c.startedAt!.getTime(), c.finishedAt!.getTime()] as const);
    const maxOverlap = Math.max(...spans.map(([start]) => spans.filter(([s, f]) => s <= start && f > start).length));
    expect(maxOverlap).toBeLessThanOrEqual(2);
  });

  it("map never has more than maxConcurrency children running, even when several finish in one commit", async () => {
    const running = new Set<string>();
    let peak = 0;
    const watched: RunStore = {
      loadRun: (runId) => store.loadRun(runId),
      listActiveRunIds: () => store.listActiveRunIds(),
      listEvents: (runId, afterSeq, limit) => store.listEvents(runId, afterSeq, limit),
      listChildRuns: (runId, stepId) => store.listChildRuns(runId, stepId),
      loadRuns: (runIds) => store.loadRuns(runIds),
      listChildNodes: (parentRunIds) => store.listChildNodes(parentRunIds),
      countTreeRuns: (rootRunId) => store.countTreeRuns(rootRunId),
      readStepCache: (key, now) => store.readStepCache(key, now),
      clearStepCache: (scope) => store.clearStepCache(scope),
      close: async () => {},
      commit: async (mutations) => {
      await store.commit(mutations);
      for (const { run } of mutations) {
        if (!run?.parentRunId) continue;
        if (run.status === "running") running.add(run.id);
        else running.delete(run.id);
      }
      peak = Math.max(peak, running.size);
      },
    };
    const watchedRunner = engineRunner(watched);
    const sleeper = workflow([{ id: "nap", type: "delay", config: { ms: 30 } }]);
    const result = await watchedRunner.run(workflow([{ id: "each", type: "map", config: { items: "[1,2,3,4,5,6,7,8]", definition: sleeper, maxConcurrency: 2 } }]));
    await watchedRunner.engine.stop();
    expect(result.run.status).toBe("completed");
    expect(peak).toBe(2);
  });

  it("map of an empty list completes with []; a failing item fails the map", async () => {
    const empty = await run(workflow([{ id: "each", type: "map", config: { items: "[]", definition: child } }]));
    expect(empty.steps.each!.output).toEqual([]);
    const failing = workflow([{ id: "bad", type: "code", config: { source: "if (input === 3) throw new PermanentError('three'); return input" } }]);
    const result = await run(workflow([{ id: "each", type: "map", config: { items: "[1,2,3,4]", definition: failing, maxConcurrency: 1 } }]));
    expect(result.run.status).toBe("failed");
    expect(result.steps.each!.error?.message).toMatch(/item 2\) failed: step "bad" failed: three/);
  });

  it("map with $item and $index builds each child's input", async () => {
    const echo = workflow([{ id: "e", type: "code", config: { source: "return input" } }], [], { output: "$steps.e.output" });
    const result = await run(workflow([{ id: "each", type: "map", config: { items: "['a','b']", definition: echo, input: "{ 'item': $item, 'index': $index }" } }]));
    expect(result.steps.each!.output).toEqual([{ item: "a", index: 0 }, { item: "b", index: 1 }]);
  });

  it("fail fails permanently with its message, independent branches still finish", async () => {
    const result = await run(
      workflow(
        [
          { id: "boom", type: "fail", config: { message: "order {{ $input.id }} rejected" } },
          { id: "after", type: "noop" },
          { id: "independent", type: "noop" },
        ],
        [{ from: "boom", to: "after" }],
      ),
      { id: 9 },
    );
    expect(result.run.status).toBe("failed");
    expect(result.steps.boom!.error).toEqual({ kind: "permanent", message: "order 9 rejected" });
    expect([result.steps.after!.status, result.steps.independent!.status]).toEqual(["pending", "completed"]);
    expect(result.run.error).toEqual({ kind: "permanent", message: 'step "boom" failed: order 9 rejected' });
  });

  it("stop ends the run as completed with its output; not-started steps are skipped", async () => {
    const result = await run(
      workflow(
        [
          { id: "quit", type: "stop", config: { output: "{ 'early': true }" } },
          { id: "next", type: "noop" },
          { id: "slow", type: "delay", config: { ms: 60000 } },
        ],
        [{ from: "quit", to: "next" }],
      ),
    );
    expect([result.run.status, result.run.output, result.steps.next!.status]).toEqual(["completed", { early: true }, "skipped"]);
    expect(["cancelled", "skipped"]).toContain(result.steps.slow!.status);
  });

  it("the output expression shapes the run output; without one, end steps' outputs are collected", async () => {
    const shaped = await run(workflow([{ id: "a", type: "noop", config: { output: "3" } }], [], { output: "{ 'total': $steps.a.output * 2 }" }));
    expect(shaped.run.output).toEqual({ total: 6 });
    const collected = await run(chain({ id: "a", type: "noop", config: { output: "1" } } as never, { id: "b", type: "noop", config: { output: "2" } } as never));
    expect(collected.run.output).toEqual({ b: 2 });
    const broken = await run(workflow([{ id: "a", type: "noop" }], [], { output: "$error('nope')" }));
    expect([broken.run.status, broken.run.error?.message]).toEqual(["failed", expect.stringMatching(/^output expression: expression failed: nope/)]);
  });
});

describe("starting runs", () => {
  it("refuses input that does not match the input schema, storing nothing", async () => {
    const definition = workflow([{ id: "a", type: "noop" }], [], { input: { type: "object", required: ["total"], properties: { total: { type: "number" } } } });
    const attempt = engine.startRun({ definition, input: { total: "lots" } });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: "input.total", message: "must be number" }] });
    await expect(engine.startRun({ definition, input: {} })).rejects.toMatchObject({ issues: [{ path: "input", message: "must have required property 'total'" }] });
  });

  it("refuses an invalid definition with its issues", async () => {
    await expect(engine.startRun({ definition: workflow([{ id: "a", type: "nope" }]) })).rejects.toMatchObject({ issues: [{ path: "steps[0].type" }] });
  });

  it("refuses oversized input", async () => {
    await expect(engine.startRun({ definition: workflow([{ id: "a", type: "noop" }]), input: { blob: "x".repeat(1_100_000) } })).rejects.toMatchObject({
      issues: [{ path: "input", message: expect.stringMatching(/limit is 1000000/) }],
    });
  });

  it("numbers events gap-free from 1 and writes every transition's event", async () => {
    const result = await run(chain({ id: "a", type: "noop" } as never, { id: "b", type: "noop" } as never));
    expect(result.events.map((event) => event.seq)).toEqual(result.events.map((_, index) => index + 1));
    expect(result.events.map((event) => `${event.type}${event.stepId ? `:${event.stepId}` : ""}`)).toEqual([
      "run.started",
      "step.queued:a",
      "step.started:a",
      "step.completed:a",
      "step.queued:b",
      "step.started:b",
      "step.completed:b",
      "run.completed",
    ]);
  });
});
