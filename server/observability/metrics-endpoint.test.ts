import { describe, expect, it } from "vitest";
import { answerMetrics } from "./metrics-endpoint";
import { OrkaMetrics } from "./metrics";
import { parsePrometheusText, sampleSum } from "./prometheus-text";

const request = (authorization?: string) => new Request("http://orka.test/api/metrics", { headers: authorization ? { authorization } : {} });

describe("GET /api/metrics", () => {
  const metrics = new OrkaMetrics();

  it("does not exist without ORKA_METRICS_TOKEN", async () => {
    expect((await answerMetrics(request("Bearer anything"), metrics, undefined)).status).toBe(404);
    expect((await answerMetrics(request("Bearer anything"), metrics, "")).status).toBe(404);
  });

  it("answers 401 without the bearer token or with another one", async () => {
    for (const header of [undefined, "Bearer wrong", "Basic c2VjcmV0", "Bearer secret-token extra"]) {
      const answer = await answerMetrics(request(header), metrics, "secret-token");
      expect(answer.status, String(header)).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("serves the Prometheus text format with the token, lease takeovers at 0", async () => {
    metrics.observer.runStarted({ namespace: "default", name: "orders" });
    metrics.observer.attemptEnded("code", "retrying", 12);
    const answer = await answerMetrics(request("Bearer secret-token"), metrics, "secret-token");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await answer.text());
    expect(sampleSum(samples, "orka_runs_started_total", { namespace: "default", workflow: "orders" })).toBe(1);
    expect(sampleSum(samples, "orka_step_retries_total", { type: "code" })).toBe(1);
    expect(sampleSum(samples, "orka_step_attempt_duration_seconds_count", { type: "code", outcome: "retrying" })).toBe(1);
    expect(sampleSum(samples, "orka_step_attempt_duration_seconds_sum", { type: "code", outcome: "retrying" })).toBeCloseTo(0.012);
    expect(samples.some((sample) => sample.name === "orka_lease_takeovers_total" && sample.value === 0)).toBe(true);
    expect(sampleSum(samples, "orka_event_stream_clients")).toBe(0);
    expect(sampleSum(samples, "orka_engine_mode", { mode: "embedded" })).toBe(1);
  });

  it("says the engine mode ORKA_ENGINE sets", async () => {
    process.env.ORKA_ENGINE = "off";
    try {
      const samples = parsePrometheusText(await (await answerMetrics(request("Bearer secret-token"), metrics, "secret-token")).text());
      expect(samples.filter((sample) => sample.name === "orka_engine_mode").map((sample) => [sample.labels.mode, sample.value])).toEqual([["off", 1]]);
    } finally {
      delete process.env.ORKA_ENGINE;
    }
  });
});
