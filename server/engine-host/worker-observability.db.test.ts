// A real `orka worker` on PostgreSQL runs the runs a process that runs nothing submitted (as a web
// server with ORKA_ENGINE=off does): its `/metrics` (ORKA_METRICS_PORT) counts them, behind the
// token, and it exports a span per step attempt to an OTLP receiver in this test, in each run's
// stored trace (a caller's traceparent, or the one derived from the run's id).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSpanIdOf, createEngine, runSpanIdOf, traceIdOf, type Engine } from "../../engine/index";
import { parsePrometheusText, sampleSum } from "../observability/prometheus-text";
import { spanAttribute as attribute, startOtlpReceiver, type OtlpReceiver } from "../testing/otlp-receiver";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { PgRunStore } from "./stores/pg-run-store";
import { spawnWorker, type WorkerProcess } from "./testing/worker-process";

const database = await createPostgresTestDatabase();
afterAll(() => database?.drop());

const token = "worker-metrics-token-0123456789";
const runs = 12;
const callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

/** Three steps, four attempts: `flaky` fails its first attempt and is retried. */
const definition = {
  format: "orka/v1",
  name: "observed",
  steps: [
    { id: "first", type: "noop" },
    { id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('once'); return attempt" }, retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 } },
    { id: "last", type: "noop" },
  ],
  edges: [
    { from: "first", to: "flaky" },
    { from: "flaky", to: "last" },
  ],
};

describe("orka worker without the web app: metrics and traces", () => {
  it("refuses a metrics port that is not one, or one without ORKA_METRICS_TOKEN, before it opens anything", async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["--metrics-port", "nine"], { ORKA_METRICS_TOKEN: token }, /--metrics-port: "nine" is not a port number/],
      [[], { ORKA_METRICS_PORT: "70000", ORKA_METRICS_TOKEN: token }, /ORKA_METRICS_PORT: "70000" is not a port number/],
      [["--metrics-port", "0"], { ORKA_METRICS_TOKEN: "" }, /--metrics-port needs ORKA_METRICS_TOKEN/],
    ];
    for (const [args, env, message] of cases) {
      // An unreachable database: the worker must stop on the setting, never get as far as connecting.
      const exit = await spawnWorker(["--db", "postgres://nobody@127.0.0.1:1/none", ...args], env).exited;
      expect(exit.code, exit.stderr).toBe(2);
      expect(exit.stderr).toMatch(message);
    }
  });

  describe.skipIf(!database)("on PostgreSQL", () => {
    const db = database?.url ?? "";
    let store: PgRunStore;
    let front: Engine;
    let sql: pg.Client;
    let receiver: OtlpReceiver;
    let worker: WorkerProcess;
    let metricsUrl: string;

    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      store = await PgRunStore.open(db);
      // What a web server with ORKA_ENGINE=off does: commit new runs with no owner, run nothing.
      front = createEngine({ store, leases: { claim: false, kind: "front" } });
      sql = new pg.Client({ connectionString: db });
      await sql.connect();
      worker = spawnWorker(["--db", db, "--metrics-port", "0"], { ORKA_METRICS_TOKEN: token, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: "orka-worker-test" });
      await worker.running;
      metricsUrl = /serves metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(worker.stderr())![1]!;
    });
    afterAll(async () => {
      if (worker?.child.exitCode === null) worker.child.kill("SIGKILL");
      await store?.close();
      await sql?.end();
      await receiver?.close();
    });

    const scrape = (authorization?: string) => fetch(`${metricsUrl}/metrics`, { headers: authorization ? { authorization } : {} });

    it(`runs ${runs} submitted runs; /metrics counts them and their attempts, only for the token; a span per attempt reaches the receiver`, { timeout: 180_000 }, async () => {
      expect((await fetch(`${metricsUrl}/health`)).status).toBe(200);
      for (const authorization of [undefined, "Bearer not-the-token", `Basic ${Buffer.from(`x:${token}`).toString("base64")}`]) {
        const refused = await scrape(authorization);
        expect(refused.status, String(authorization)).toBe(401);
        expect(await refused.text()).not.toMatch(/orka_/);
      }

      const prepared = front.prepareDefinition(definition);
      const runIds: string[] = [];
      // Half of them carry a caller's traceparent, as a webhook or REST start stores it.
      for (let index = 0; index < runs; index++) {
        const traceParent = index % 2 === 0 ? `00-${callerTrace}-${index.toString(16).padStart(16, "a")}-01` : null;
        runIds.push((await front.submitRun({ definition: prepared, traceParent })).runId);
      }
      const deadline = Date.now() + 150_000;
      for (;;) {
        const { rows } = await sql.query<{ done: number }>(`SELECT count(*)::int AS done FROM runs WHERE id = ANY($1) AND status = 'completed'`, [runIds]);
        if (rows[0]!.done === runs) break;
        if (Date.now() > deadline) throw new Error(`${rows[0]!.done} of ${runs} runs completed; worker said:\n${worker.stderr().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // The front runs nothing: every count below is the worker's.
      const answer = await scrape(`Bearer ${token}`);
      expect(answer.status).toBe(200);
      const samples = parsePrometheusText(await answer.text());
      const workflow = { namespace: "default", workflow: "observed" };
      expect(sampleSum(samples, "orka_runs_started_total", workflow)).toBe(runs);
      expect(sampleSum(samples, "orka_runs_finished_total", { ...workflow, status: "completed" })).toBe(runs);
      expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type: "noop", outcome: "completed" })).toBe(2 * runs);
      expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type: "code", outcome: "retrying" })).toBe(runs);
      expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type: "code", outcome: "completed" })).toBe(runs);
      expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count")).toBe(4 * runs);
      expect(sampleSum(samples, "orka_step_retries_total", { type: "code" })).toBe(runs);
      expect(sampleSum(samples, "orka_engine_mode", { mode: "worker" })).toBe(1);

      // SIGTERM: the worker exports what its tracer still buffers before it exits.
      worker.child.kill("SIGTERM");
      const exit = await worker.exited;
      expect(exit.code, exit.stderr.slice(-3000)).toBe(0);
      const { rows: started } = await sql.query<{ run_id: string; step_id: string; attempt: number }>(
        `SELECT run_id, step_id, (payload::jsonb->>'attempt')::int AS attempt FROM run_events WHERE run_id = ANY($1) AND type = 'step.started'`,
        [runIds],
      );
      expect(started).toHaveLength(4 * runs);
      const stepSpans = receiver.spans.filter((span) => span.name.startsWith("step ") && runIds.includes(String(attribute(span, "orka.run.id"))));
      const key = (runId: unknown, stepId: unknown, attempt: unknown) => `${String(runId)}/${String(stepId)}/${Number(attempt)}`;
      expect(stepSpans.map((span) => key(attribute(span, "orka.run.id"), attribute(span, "orka.step.id"), attribute(span, "orka.step.attempt"))).sort()).toEqual(
        started.map((row) => key(row.run_id, row.step_id, row.attempt)).sort(),
      );
      for (const span of stepSpans) {
        const runId = String(attribute(span, "orka.run.id"));
        const traced = runIds.indexOf(runId) % 2 === 0;
        expect(span.traceId).toBe(traced ? callerTrace : traceIdOf(runId));
        expect(span.parentSpanId).toBe(runSpanIdOf(runId));
        expect(span.spanId).toBe(attemptSpanIdOf(runId, String(attribute(span, "orka.step.id")), Number(attribute(span, "orka.step.attempt"))));
        expect(span.service).toBe("orka-worker-test");
      }
      const runSpans = receiver.spans.filter((span) => span.name === "run default/observed");
      expect(runSpans).toHaveLength(runs);
    });
  });
});
