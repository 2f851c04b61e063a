// Runs through the real server (`next start`) and its embedded engine, then a scrape of
// /api/metrics: the run and step counters agree with the runs, steps and events in the database.
// The same server exports traces to a collector in this test and logs JSON lines.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { traceIdOf } from "../../engine/index";
import { signUpOwner, startLiveServer, type LiveServer, type LiveSession } from "../testing/live-server";
import { parsePrometheusText, sampleSum, type Sample } from "./prometheus-text";

const token = "metrics-test-token-0123456789";
const finished = ["completed", "failed", "cancelled"];

describe("GET /api/metrics on a live server", () => {
  let server: LiveServer;
  let owner: LiveSession;
  let collector: http.Server;
  const spans: { traceId: string; name: string }[] = [];

  beforeAll(async () => {
    collector = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[] };
        for (const resource of exported.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const otlp = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    server = (await startLiveServer({ database: "sqlite", env: { ORKA_METRICS_TOKEN: token, OTEL_EXPORTER_OTLP_ENDPOINT: otlp } }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => collector?.close(resolve));
  });

  const scrape = async (authorization?: string) => fetch(`${server.url}/api/metrics`, { headers: authorization ? { authorization } : {} });

  it("answers 401 without the token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer not-the-token")).status).toBe(401);
  });

  it("counts the runs started, completed and failed by workflow, retries and step attempts as the database has them", async () => {
    const succeeding = await owner.publishWorkflow({ steps: [{ id: "a", type: "noop" }, { id: "b", type: "code", config: { source: "return 1" } }], edges: [{ from: "a", to: "b" }] }, "ok");
    const failing = await owner.publishWorkflow(
      { steps: [{ id: "flaky", type: "code", config: { source: "throw new Error('down')" }, retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 } }] },
      "bad",
    );
    const runIds = [
      ...(await Promise.all(Array.from({ length: 6 }, () => owner.startRun(succeeding)))),
      ...(await Promise.all(Array.from({ length: 3 }, () => owner.startRun(failing)))),
    ];
    for (const runId of runIds) await server.database.waitForRunStatus(runId, finished);

    const answer = await scrape(`Bearer ${token}`);
    expect(answer.status).toBe(200);
    const samples = parsePrometheusText(await answer.text());
    const names = await workflowNames(server, [succeeding, failing]);

    for (const [workflowId, name] of names) {
      const labels = { namespace: "default", workflow: name };
      const counted = (status: string) => server.database.number("SELECT count(*) FROM runs WHERE workflow_id = ? AND status = ?", [workflowId, status]);
      expect(sampleSum(samples, "orka_runs_started_total", labels), name).toBe(await server.database.number("SELECT count(*) FROM runs WHERE workflow_id = ?", [workflowId]));
      for (const status of finished) expect(sampleSum(samples, "orka_runs_finished_total", { ...labels, status }), `${name} ${status}`).toBe(await counted(status));
    }
    expect(sampleSum(samples, "orka_runs_finished_total", { workflow: names.get(succeeding)!, status: "completed" })).toBe(6);
    expect(sampleSum(samples, "orka_runs_finished_total", { workflow: names.get(failing)!, status: "failed" })).toBe(3);

    const events = (type: string, stepType: string) => countEvents(server, type, stepType === "noop" ? "a" : ["b", "flaky"]);
    expect(sampleSum(samples, "orka_step_retries_total", { type: "code" })).toBe(await events("step.retrying", "code"));
    expect(sampleSum(samples, "orka_step_retries_total", { type: "code" })).toBe(3);
    expect(attempts(samples, "code", "completed")).toBe(await events("step.completed", "code"));
    expect(attempts(samples, "code", "failed")).toBe(await events("step.failed", "code"));
    expect(attempts(samples, "noop", "completed")).toBe(await events("step.completed", "noop"));

    expect(sampleSum(samples, "orka_commit_batch_runs_count")).toBeGreaterThan(0);
    expect(sampleSum(samples, "orka_commit_batch_events_sum")).toBeGreaterThanOrEqual(await server.database.count("run_events"));
    expect(sampleSum(samples, "orka_commit_failures_total")).toBe(0);
    expect(samples.find((sample) => sample.name === "orka_lease_takeovers_total")?.value).toBe(0);
    expect(sampleSum(samples, "orka_steps_queued")).toBe(0);
    expect(sampleSum(samples, "orka_event_stream_clients")).toBe(0);

    // Traces: every run's spans reach the collector, one per step attempt plus the run's.
    const tracedRun = runIds[0]!;
    const failedRun = runIds.at(-1)!;
    const ofRun = (runId: string) => spans.filter((span) => span.traceId === traceIdOf(runId)).map((span) => span.name).sort();
    const exported = () => spans.length >= runIds.length * 3; // each run: its own span and at least two attempts
    for (const deadline = Date.now() + 20_000; !exported() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ofRun(tracedRun)).toEqual([`run default/${names.get(succeeding)}`, "step a", "step b"]);
    expect(ofRun(failedRun)).toEqual([`run default/${names.get(failing)}`, "step flaky", "step flaky"]);

    // Logs: JSON lines from the server's own log.
    const logLines = server.output.tail().split("\n").filter((line) => line.startsWith("{"));
    expect(logLines.map((line) => JSON.parse(line) as { service?: string; msg?: string })).toContainEqual(expect.objectContaining({ service: "orka", msg: expect.stringMatching(/^engine started/) }));
  });
});

const attempts = (samples: Sample[], type: string, outcome: string) => sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type, outcome });

async function countEvents(server: LiveServer, type: string, stepIds: string | string[]): Promise<number> {
  const ids = [stepIds].flat();
  return server.database.number(`SELECT count(*) FROM run_events WHERE type = ? AND step_id IN (${ids.map(() => "?").join(", ")})`, [type, ...ids]);
}

async function workflowNames(server: LiveServer, workflowIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of workflowIds) names.set(id, (await server.database.query<{ name: string }>("SELECT name FROM workflows WHERE id = ?", [id]))[0]!.name);
  return names;
}
