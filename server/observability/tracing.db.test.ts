// A run through the real engine and store, traced to an OTLP/HTTP receiver in this test: one span
// per step attempt under one span for the run, all in the run's trace, and the http step's
// `traceparent` names its own attempt's span.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, parseEgressAllowList, traceIdOf, type Engine } from "../../engine/index";
import { SqliteRunStore } from "../engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { createRunTracer, type RunTracer } from "./tracing";

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const spans: OtlpSpan[] = [];
const calleeTraceparents: string[] = [];
let collector: http.Server;
let tracer: RunTracer;
let engine: Engine;

beforeAll(async () => {
  collector = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const resource of exported.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      } else calleeTraceparents.push(String(request.headers.traceparent));
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  tracer = createRunTracer({ endpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });
  engine = createEngine({ store, observer: { commit() {}, runStarted() {}, runFinished() {}, attemptEnded() {}, ...tracer.observer }, httpEgress: parseEgressAllowList("127.0.0.1") });
  await engine.start();
});
afterAll(async () => {
  await engine.stop();
  await tracer.shutdown();
  await store.close();
  await new Promise((resolve) => collector.close(resolve));
  database.cleanup();
});

describe("OpenTelemetry traces of runs", () => {
  it("exports one span per step attempt under the run's span, in one trace; an http step sends its attempt's span as traceparent", async () => {
    const callee = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/callee`;
    const definition = {
      format: "orka/v1",
      name: "traced",
      steps: [
        { id: "first", type: "noop" },
        { id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('once'); return attempt" }, retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 1 } },
        { id: "call", type: "http", config: { url: callee } },
      ],
      edges: [
        { from: "first", to: "flaky" },
        { from: "flaky", to: "call" },
      ],
    };
    const { runId } = await engine.startRun({ definition });
    expect((await engine.waitForRun(runId)).run.status).toBe("completed");
    await tracer.flush();

    const attemptsInLog = (await engine.listEvents(runId)).filter((event) => event.type === "step.started").length;
    const stepSpans = spans.filter((span) => span.name.startsWith("step "));
    const runSpan = spans.find((span) => span.name === "run default/traced")!;
    expect(stepSpans).toHaveLength(attemptsInLog);
    expect(stepSpans.map((span) => span.name).sort()).toEqual(["step call", "step first", "step flaky", "step flaky"]);
    expect(runSpan).toBeDefined();
    expect(runSpan.parentSpanId ?? "").toBe("");
    for (const span of [...stepSpans, runSpan]) expect(span.traceId).toBe(traceIdOf(runId));
    for (const span of stepSpans) expect(span.parentSpanId).toBe(runSpan.spanId);
    expect(new Set(stepSpans.map((span) => span.spanId)).size).toBe(stepSpans.length);

    const call = stepSpans.find((span) => span.name === "step call")!;
    expect(calleeTraceparents).toEqual([`00-${call.traceId}-${call.spanId}-01`]);
  });

  it("continues a caller's traceparent through the whole run tree: child runs and an http step's traceparent carry the caller's trace id", async () => {
    const [callerTrace, callerSpan] = ["4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"];
    const callee = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/callee`;
    const child = { format: "orka/v1", name: "child", steps: [{ id: "call", type: "http", config: { url: callee } }], edges: [] };
    const definition = { format: "orka/v1", name: "continued", steps: [{ id: "each", type: "map", config: { items: "[1, 2]", definition: child } }], edges: [] };
    const before = calleeTraceparents.length;
    const { runId } = await engine.startRun({ definition, traceParent: `00-${callerTrace}-${callerSpan}-01` });
    expect((await engine.waitForRun(runId)).run.status).toBe("completed");
    await tracer.flush();

    const inTrace = spans.filter((span) => span.traceId === callerTrace);
    const root = inTrace.find((span) => span.name === "run default/continued")!;
    expect(root.parentSpanId).toBe(callerSpan);
    const children = inTrace.filter((span) => span.name === "run default/child");
    expect(children).toHaveLength(2);
    for (const span of children) expect(span.parentSpanId).toBe(root.spanId);
    expect(inTrace.filter((span) => span.name === "step call")).toHaveLength(2);
    expect(spans.some((span) => span.traceId === traceIdOf(runId))).toBe(false);
    const sent = calleeTraceparents.slice(before);
    expect(sent).toHaveLength(2);
    for (const header of sent) expect(header).toMatch(new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-01$`));
  });
});
