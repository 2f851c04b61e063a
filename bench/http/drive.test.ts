// The driver against a real HTTP server that answers every fifth run wrongly: each answer is
// checked and counted, correct runs' latencies are kept, and connections are kept alive.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunCounter, driveConcurrent, driveSequential, type Endpoint } from "./drive";
import { workloadSpecSchema } from "./workload-spec";

const spec = workloadSpecSchema.parse({
  id: "W9",
  description: "test",
  trigger: { method: "POST", path: "w9" },
  steps: [{ id: "s1", op: "set", field: "s1", value: 1 }],
  edges: [],
  expect: { always: { s1: 1 } },
});

const connections = new Set<unknown>();
const server = http.createServer((request, response) => {
  connections.add(request.socket);
  let text = "";
  request.on("data", (chunk: Buffer) => (text += chunk));
  request.on("end", () => {
    const { i } = JSON.parse(text) as { i: number };
    if (i % 5 === 4) response.writeHead(500).end("broken");
    else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ output: { s1: 1 }, path: request.url }));
  });
});
let endpoint: Endpoint;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = { spec, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/w9?wait=true`, completion: null };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("driveSequential", () => {
  it("sends `count` runs on one connection and counts the wrong answers", async () => {
    connections.clear();
    const result = await driveSequential(endpoint, 10, createRunCounter());
    expect(result).toMatchObject({ runs: 10, failures: 2, failureReasons: { "HTTP 500": 2 } });
    expect(result.latenciesMs).toHaveLength(8);
    expect(connections.size).toBe(1);
  });
});

describe("driveConcurrent", () => {
  it("keeps one connection per client and counts every answer", async () => {
    connections.clear();
    const next = createRunCounter();
    const result = await driveConcurrent(endpoint, 4, 0.3, next);
    const sent = next();
    expect(result.runs).toBe(sent);
    expect(result.failures).toBe(Math.floor(sent / 5)); // runs 4, 9, 14, … answered 500
    expect(result.latenciesMs).toHaveLength(result.runs - result.failures);
    expect(connections.size).toBe(4);
  });

  it("reports a server that does not answer as failures, not as a crash", async () => {
    const closed = { ...endpoint, url: "http://127.0.0.1:9/hook" };
    const result = await driveSequential(closed, 2, createRunCounter());
    expect(result.failures).toBe(2);
    expect(Object.keys(result.failureReasons)[0]).toMatch(/^request failed: /);
  });
});
