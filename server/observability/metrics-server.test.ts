import { afterAll, describe, expect, it } from "vitest";
import { OrkaMetrics } from "./metrics";
import { metricsListenFromEnv, startMetricsServer, type MetricsServer } from "./metrics-server";

describe("metricsListenFromEnv", () => {
  const token = { ORKA_METRICS_TOKEN: "t0ken" };

  it("is off without a port, on 127.0.0.1 by default, and takes --metrics-port over ORKA_METRICS_PORT", () => {
    expect(metricsListenFromEnv(token)).toBeNull();
    expect(metricsListenFromEnv({ ...token, ORKA_METRICS_PORT: " " })).toBeNull();
    expect(metricsListenFromEnv({ ...token, ORKA_METRICS_PORT: "9464" })).toEqual({ port: 9464, host: "127.0.0.1", token: "t0ken" });
    expect(metricsListenFromEnv({ ...token, ORKA_METRICS_PORT: "9464", ORKA_METRICS_HOST: "0.0.0.0" }, "0")).toEqual({ port: 0, host: "0.0.0.0", token: "t0ken" });
  });

  it("refuses what is not a port, and a port without ORKA_METRICS_TOKEN, naming the setting", () => {
    for (const bad of ["http", "-1", "65536", "9464.5", "0x10", "9 464"]) {
      expect(() => metricsListenFromEnv({ ...token, ORKA_METRICS_PORT: bad }), bad).toThrow(`ORKA_METRICS_PORT: "${bad}" is not a port number (0 to 65535)`);
    }
    expect(() => metricsListenFromEnv(token, "")).toThrow('--metrics-port: "" is not a port number');
    expect(() => metricsListenFromEnv({ ORKA_METRICS_PORT: "9464" })).toThrow("ORKA_METRICS_PORT needs ORKA_METRICS_TOKEN");
    expect(() => metricsListenFromEnv({ ORKA_METRICS_TOKEN: " " }, "9464")).toThrow("--metrics-port needs ORKA_METRICS_TOKEN");
  });
});

describe("a worker's metrics endpoint", () => {
  const metrics = new OrkaMetrics();
  let status = "starting";
  let server: MetricsServer;
  afterAll(() => server?.close());

  it("serves /metrics only for the bearer token, /health to anyone, nothing else", async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", token: "t0ken" }, metrics, () => status);
    metrics.observer.runStarted({ namespace: "default", name: "orders" });
    const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const scraped = await get("/metrics?x=1", { headers: { authorization: "Bearer t0ken" } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('orka_runs_started_total{namespace="default",workflow="orders"} 1');

    const starting = await get("/health");
    expect([starting.status, await starting.json()]).toEqual([503, { status: "starting" }]);
    status = "running";
    const running = await get("/health");
    expect([running.status, await running.json()]).toEqual([200, { status: "running" }]);
    expect((await get("/")).status).toBe(404);
    expect((await get("/metrics", { method: "POST", headers: { authorization: "Bearer t0ken" } })).status).toBe(405);
  });

  it("says which address it cannot listen on", async () => {
    const port = Number(new URL(server.url).port);
    await expect(startMetricsServer({ port, host: "127.0.0.1", token: "t0ken" }, metrics, () => status)).rejects.toThrow(`metrics endpoint: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
  });
});
