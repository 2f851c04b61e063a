// `http` steps aimed at the real server's (`next start`) memory and at what it may reach: a 300 MB
// answer is cut off at the cap without the server holding it, and loopback, "this host" and the
// cloud metadata address are refused (directly and behind a redirect) with the one generic error,
// the target never reached. The server runs with ORKA_HTTP_ALLOW opening one test server only.
// On SQLite only: the bounds live in the engine's http client, not in the store.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAnsweredThroughout,
  expectOnlyTheseRuns,
  expectRestartKeepsData,
  measureRssDuring,
  probeHealthDuring,
  signUpOwner,
  startLiveServer,
  type LiveServer,
  type LiveSession,
} from "../testing/live-server";

/** The test server the allow list opens: on a loopback address of its own, so 127.0.0.1 stays refused. */
const allowedAddress = "127.0.0.2";
const hugeBodyBytes = 300 * 1024 * 1024;
const responseCapBytes = 1_000_000;
const finished = ["completed", "failed", "cancelled"];
const unreachable = (host: string) => ({ kind: "transient", message: `request to ${host} failed: the host could not be reached or is not allowed` });

describe("http steps against the server's memory and its network, on SQLite", () => {
  let allowed: TestServer;
  let loopbackTrap: TestServer;
  let server: LiveServer;
  let owner: LiveSession;

  beforeAll(async () => {
    // Listening on every address: whatever reaches this host on its port, by any name, is counted.
    loopbackTrap = await testServer("0.0.0.0", (_request, response) => response.end("what a step must never read"));
    allowed = await testServer(allowedAddress, (request, response) => {
      if (request.url === "/huge") return streamBytes(response, hugeBodyBytes, allowed);
      response.writeHead(302, { location: `http://127.0.0.1:${loopbackTrap.port}/loot` }).end();
    });
    server = (await startLiveServer({ database: "sqlite", env: { ORKA_HTTP_ALLOW: allowedAddress } }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([allowed?.close(), loopbackTrap?.close()]);
  });

  it("a 300 MB answer from an allowed server is cut off at the cap: the step fails with the stated error, the server's memory grows far less than the body", async () => {
    const huge = await owner.publishWorkflow({ steps: [{ id: "fetch", type: "http", config: { url: `http://${allowedAddress}:${allowed.port}/huge` } }] }, "huge");
    const before = await server.database.counts();

    const attack = async () => {
      const runId = await owner.startRun(huge);
      await server.database.waitForRunStatus(runId, finished);
      return runId;
    };
    const { result, probe } = await probeHealthDuring(server, measureRssDuring(server.pid!, attack()));
    expectAnsweredThroughout(probe);

    const { result: runId, rss } = result;
    expect(await server.database.readStep(runId, "fetch")).toMatchObject({ status: "failed", error: { kind: "permanent", message: `response body is larger than ${responseCapBytes.toLocaleString("en-US")} bytes` } });
    const seen = `the test server sent ${mb(allowed.sentBytes)}, the server's memory grew ${mb(rss.growthBytes)} (from ${mb(rss.beforeBytes)})`;
    expect(allowed.sentBytes, seen).toBeLessThan(hugeBodyBytes / 10);
    expect(rss.growthBytes, seen).toBeLessThan(hugeBodyBytes / 6);
    await expectOnlyTheseRuns(server, before, [runId], { audit_events: 1 });
  });

  it("steps to 127.0.0.1, 0.0.0.0, 169.254.169.254 and a redirect from the allowed server into loopback fail with the one generic error, and the loopback target receives nothing", async () => {
    const targets = [
      ["127.0.0.1", `http://127.0.0.1:${loopbackTrap.port}/loot`],
      ["0.0.0.0", `http://0.0.0.0:${loopbackTrap.port}/loot`],
      ["169.254.169.254", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"],
      ["127.0.0.1", `http://${allowedAddress}:${allowed.port}/redirect`], // the error names the host the redirect led to
    ] as const;
    const workflows: string[] = [];
    for (const [, url] of targets) workflows.push(await owner.publishWorkflow({ steps: [{ id: "fetch", type: "http", config: { url } }] }, "refused"));
    const before = await server.database.counts();
    const requestsBefore = allowed.requests;

    const attack = async () => {
      const runIds: string[] = [];
      for (const workflowId of workflows) runIds.push(await owner.startRun(workflowId));
      await Promise.all(runIds.map((runId) => server.database.waitForRunStatus(runId, finished)));
      return runIds;
    };
    const { result: runIds, probe } = await probeHealthDuring(server, attack());
    expectAnsweredThroughout(probe);

    const errors = await Promise.all(runIds.map(async (runId) => (await server.database.readStep(runId, "fetch"))?.error));
    expect(errors).toEqual(targets.map(([host]) => unreachable(host)));
    expect(loopbackTrap.connections, "connections the loopback target received").toBe(0);
    expect(allowed.requests - requestsBefore, "the allowed server answered the redirect").toBe(1);
    await expectOnlyTheseRuns(server, before, runIds, { audit_events: runIds.length });
  });

  it("a restart comes up healthy with the same rows", async () => {
    await expectRestartKeepsData(server);
  });
});

interface TestServer {
  port: number;
  /** Connections accepted, requests received, and body bytes the socket took before it closed. */
  connections: number;
  requests: number;
  sentBytes: number;
  close(): Promise<void>;
}

async function testServer(host: string, handle: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<TestServer> {
  const listener = http.createServer((request, response) => {
    target.requests++;
    handle(request, response);
  });
  listener.on("connection", () => target.connections++);
  await new Promise<void>((resolve) => listener.listen(0, host, resolve));
  const target: TestServer = {
    port: (listener.address() as AddressInfo).port,
    connections: 0,
    requests: 0,
    sentBytes: 0,
    close: () => new Promise((resolve) => (listener.closeAllConnections(), listener.close(() => resolve()))),
  };
  return target;
}

/** Streams `total` bytes (chunked, no length announced), as fast as the client reads, until it hangs up. */
function streamBytes(response: http.ServerResponse, total: number, counter: TestServer): void {
  const chunk = Buffer.alloc(64 * 1024, "x");
  response.writeHead(200, { "content-type": "text/plain" });
  const send = () => {
    while (!response.destroyed && counter.sentBytes < total) {
      counter.sentBytes += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", send);
    }
    if (!response.destroyed) response.end();
  };
  send();
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
