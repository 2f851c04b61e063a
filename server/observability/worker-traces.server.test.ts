// A web server with ORKA_ENGINE=off starts runs from webhook calls (some carrying a caller's W3C
// traceparent, which it stores with the run); an `orka worker` runs them. The spans of the step
// attempts come from the worker, one per attempt, in the stored trace: the caller's, or the one
// derived from the run. The worker's /metrics counts the runs it ran.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSpanIdOf, runSpanIdOf, traceIdOf } from "../../engine/index";
import { spawnWorker, type WorkerProcess } from "../engine-host/testing/worker-process";
import { callWebhook, createLiveDatabase, signUpOwner, startLiveServer, type LiveServer, type LiveSession } from "../testing/live-server";
import { spanAttribute, startOtlpReceiver, type OtlpReceiver } from "../testing/otlp-receiver";
import { parsePrometheusText, sampleSum } from "./prometheus-text";

const database = await createLiveDatabase("postgres");
const token = "worker-traces-token-0123456789";
const hex = (length: number) => Array.from(crypto.getRandomValues(new Uint8Array(length / 2)), (byte) => byte.toString(16).padStart(2, "0")).join("");

describe.skipIf(!database)("traces of runs an ORKA_ENGINE=off server starts and a worker runs", () => {
  let receiver: OtlpReceiver;
  let server: LiveServer;
  let owner: LiveSession;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The server exports to the same receiver under its own name: any step span from it would show.
    server = (await startLiveServer({ database: database!, env: { ORKA_ENGINE: "off", OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "orka-web" } }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill("SIGKILL");
    await server?.stop();
    await receiver?.close();
  });

  it("exports one span per step attempt from the worker, continuing each run's stored trace", async () => {
    const workflowId = await owner.publishWorkflow(
      {
        steps: [
          { id: "double", type: "code", config: { source: "return input.n * 2" } },
          { id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('once'); return attempt" }, retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 } },
        ],
        edges: [{ from: "double", to: "flaky" }],
      },
      "traced",
    );
    const hook = await owner.createWebhook(workflowId);
    const callers = [0, 1, 2].map(() => ({ trace: hex(32), span: hex(16) }));
    const started = [
      ...(await Promise.all(callers.map(async (caller) => ({ caller, answer: await callWebhook(server, hook, { n: 1 }, { traceparent: `00-${caller.trace}-${caller.span}-01` }) })))),
      ...(await Promise.all([1, 2].map(async () => ({ caller: null, answer: await callWebhook(server, hook, { n: 2 }) })))),
    ];
    for (const { answer } of started) expect(answer.status).toBe(202);
    const runIds = started.map(({ answer }) => answer.body.runId!);

    worker = spawnWorker(["--db", server.database.url, "--metrics-port", "0"], { ORKA_METRICS_TOKEN: token, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "orka-worker" });
    await worker.running;
    for (const runId of runIds) expect(await server.database.waitForRunStatus(runId, ["completed", "failed"], 60_000)).toBe("completed");
    const metricsUrl = /serves metrics on (\S+)\/metrics/.exec(worker.stderr())![1]!;
    const samples = parsePrometheusText(await (await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text());
    // A fresh worker: every run it counts is one of these.
    expect(sampleSum(samples, "orka_runs_finished_total", { status: "completed" })).toBe(runIds.length);
    expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type: "code" })).toBe(3 * runIds.length);

    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(0);
    for (const [index, runId] of runIds.entries()) {
      const { caller } = started[index]!;
      const attempts = (await server.database.runEvents(runId)).filter((event) => event.type === "step.started");
      expect(attempts).toHaveLength(3);
      const spans = receiver.spans.filter((span) => spanAttribute(span, "orka.run.id") === runId);
      const stepSpans = spans.filter((span) => span.name.startsWith("step "));
      expect(stepSpans.map((span) => `${span.name} #${spanAttribute(span, "orka.step.attempt")}`).sort()).toEqual(["step double #1", "step flaky #1", "step flaky #2"]);
      for (const span of stepSpans) {
        expect([span.service, span.traceId, span.parentSpanId]).toEqual(["orka-worker", caller?.trace ?? traceIdOf(runId), runSpanIdOf(runId)]);
        expect(span.spanId).toBe(attemptSpanIdOf(runId, String(spanAttribute(span, "orka.step.id")), Number(spanAttribute(span, "orka.step.attempt"))));
      }
      const runSpan = spans.find((span) => span.name.startsWith("run default/traced_"))!;
      expect([runSpan.traceId, runSpan.parentSpanId ?? ""]).toEqual([caller?.trace ?? traceIdOf(runId), caller?.span ?? ""]);
    }
  });
});
