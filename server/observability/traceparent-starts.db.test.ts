// A webhook call and a REST start that carry a W3C traceparent: the run's trace continues the
// caller's (its trace id, the run's span under the caller's span), exported to an OTLP/HTTP
// receiver in this test through the real routes, engine and store. An invalid header is ignored.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine, traceIdOf, type Engine } from "@/engine";
import type { HttpDeps } from "@/server/http/deps";
import { unlimited } from "@/server/http/rate-limiter";
import { prismaWorkflowResolver } from "@/server/engine-host/prisma-workflow-resolver";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";
import { createRunTracer, type RunTracer } from "./tracing";

const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const webhookRoute = await import("@/app/api/hooks/[token]/route");
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

const spans: OtlpSpan[] = [];
let collector: http.Server;
let kit: TriggersTestKit;
let store: SqliteRunStore;
let tracer: RunTracer;
let engine: Engine;
let workflowId: string;
let token: string;
let apiKey: string;

beforeAll(async () => {
  collector = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const resource of exported.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  tracer = createRunTracer({ endpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });

  kit = await createTriggersTestKit();
  store = SqliteRunStore.open(kit.testDb.filename);
  engine = createEngine({ store, resolver: prismaWorkflowResolver(kit.db), observer: { commit() {}, runStarted() {}, runFinished() {}, attemptEnded() {}, ...tracer.observer } });
  await engine.start();
  injected.deps = { db: kit.db, getEngine: () => Promise.resolve(engine), rateLimiter: unlimited };
  const team = await kit.teamWithWorkflow("Traced");
  workflowId = team.workflowId;
  ({ token } = await kit.callerFor(team.editor).triggers.rotateWebhook({ workflowId }));
  ({ key: apiKey } = await kit.callerFor(team.editor).triggers.createApiKey({ name: "traced" }));
});

afterAll(async () => {
  await engine.stop();
  await tracer.shutdown();
  await store.close();
  await kit.cleanup();
  await new Promise((resolve) => collector.close(resolve));
});

const hex = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length / 2)), (byte) => byte.toString(16).padStart(2, "0")).join("");

function viaWebhook(traceparent: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (traceparent !== null) headers.traceparent = traceparent;
  const request = new Request(`http://orka.test/api/hooks/${token}?wait=true&timeout=10`, { method: "POST", headers, body: JSON.stringify({ n: 1 }) });
  return webhookRoute.POST(request, { params: Promise.resolve({ token }) });
}

function viaRest(traceparent: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
  if (traceparent !== null) headers.traceparent = traceparent;
  const request = new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs?wait=true&timeout=10`, { method: "POST", headers, body: JSON.stringify({ input: { n: 1 } }) });
  return startRoute.POST(request, { params: Promise.resolve({ workflowId }) });
}

/** Starts a run, waits for its end and the export, and returns its run span and step spans. */
async function tracedRun(start: () => Promise<Response>) {
  const response = await start();
  expect(response.status).toBe(200);
  const { runId, status } = (await response.json()) as { runId: string; status: string };
  expect(status).toBe("completed");
  await tracer.flush();
  const ofRun = spans.filter((span) => span.attributes.some(({ key, value }) => key === "orka.run.id" && value.stringValue === runId));
  const runSpan = ofRun.find((span) => span.name === "run default/doubling")!;
  expect(runSpan).toBeDefined();
  const stepSpans = ofRun.filter((span) => span.name.startsWith("step "));
  for (const span of stepSpans) expect(span.parentSpanId).toBe(runSpan.spanId);
  return { runId, runSpan, stepSpans };
}

describe.each([
  ["a webhook call", viaWebhook],
  ["a REST start", viaRest],
])("a traceparent on %s", (_name, start) => {
  it("continues the caller's trace: the caller's trace id, the run's span under the caller's span, the steps under the run", async () => {
    const [callerTrace, callerSpan] = [hex(32), hex(16)];
    const { runId, runSpan, stepSpans } = await tracedRun(() => start(`00-${callerTrace}-${callerSpan}-01`));
    expect(runSpan.traceId).toBe(callerTrace);
    expect(runSpan.parentSpanId).toBe(callerSpan);
    expect(stepSpans.map((span) => span.name).sort()).toEqual(["step add_one", "step double"]);
    for (const span of stepSpans) expect(span.traceId).toBe(callerTrace);
    expect(spans.some((span) => span.traceId === traceIdOf(runId))).toBe(false);
    expect((await kit.db.run.findUnique({ where: { id: runId }, select: { traceParent: true } }))?.traceParent).toBe(`00-${callerTrace}-${callerSpan}-01`);
  });

  it.each([
    ["garbage", "not a traceparent"],
    ["an all-zero trace id", `00-${"0".repeat(32)}-${hex(16)}-01`],
    ["version ff", `ff-${hex(32)}-${hex(16)}-01`],
    ["a version-00 header with a fifth field", `00-${hex(32)}-${hex(16)}-01-extra`],
  ])("ignores %s: the run starts its own trace, and the start is not refused", async (_what, header) => {
    const { runId, runSpan, stepSpans } = await tracedRun(() => start(header));
    expect(runSpan.traceId).toBe(traceIdOf(runId));
    expect(runSpan.parentSpanId ?? "").toBe("");
    expect(stepSpans).toHaveLength(2);
    expect((await kit.db.run.findUnique({ where: { id: runId }, select: { traceParent: true } }))?.traceParent).toBeNull();
  });
});
