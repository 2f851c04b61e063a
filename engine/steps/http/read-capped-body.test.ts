import type http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../definition/limits";
import { parseEgressAllowList } from "./egress-policy";
import { maxResponseHeaderBytes } from "./guarded-fetch";
import { guardedHttpStep, localServer, type LocalServer } from "./testing/local-servers";

const hugeBytes = 300_000_000;
const chunk = Buffer.alloc(64 * 1024, "a");
const bomb = zlib.gzipSync(Buffer.alloc(50_000_000)); // ~50 KB that unpack to 50 MB

/** What the server managed to write of a huge body before the client hung up. */
const written = new Map<string, { bytes: number; closed: Promise<void> }>();

/** Writes `hugeBytes` as fast as the client reads (backpressure), counting what left. */
function streamHuge(path: string, response: http.ServerResponse, headers: Record<string, string | number>) {
  const sent = { bytes: 0, closed: new Promise<void>((resolve) => response.once("close", resolve)) };
  written.set(path, sent);
  response.writeHead(200, headers);
  const pump = () => {
    while (sent.bytes < hugeBytes && !response.destroyed) {
      sent.bytes += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
    response.end();
  };
  pump();
}

let server: LocalServer;
const step = guardedHttpStep(parseEgressAllowList("127.0.0.1"));
beforeAll(async () => {
  server = await localServer("127.0.0.1", (request, response) => {
    if (request.path === "/chunked") return streamHuge(request.path, response, { "content-type": "text/plain" });
    if (request.path === "/declared") return streamHuge(request.path, response, { "content-length": hugeBytes });
    if (request.path === "/head") return response.writeHead(200, { "content-length": hugeBytes }).end();
    if (request.path === "/at-limit") return response.end("a".repeat(limits.stepOutputBytes));
    if (request.path === "/over-limit") return response.end("a".repeat(limits.stepOutputBytes + 1));
    if (request.path === "/bomb") return response.writeHead(200, { "content-encoding": "gzip", "content-length": bomb.length }).end(bomb);
    if (request.path === "/big-headers") return response.writeHead(200, { "x-padding": "p".repeat(maxResponseHeaderBytes) }).end("ok");
    response.writeHead(404).end();
  });
});
afterAll(async () => {
  await step.close();
  await server.close();
});

const tooLarge = { kind: "permanent", message: "response body is larger than 1,000,000 bytes" };

describe("the response size cap", () => {
  it("cuts a 300 MB stream off at the cap, holding far less than the body in memory", async () => {
    const rssBefore = process.memoryUsage().rss;
    expect(await step.run({ url: `${server.url}/chunked` })).toEqual({ error: tooLarge });
    const growth = process.memoryUsage().rss - rssBefore;
    const sent = written.get("/chunked")!;
    await sent.closed; // the connection was closed, not drained
    expect(sent.bytes).toBeLessThan(hugeBytes / 10);
    expect(growth).toBeLessThan(100_000_000);
  });

  it("refuses a declared content-length over the cap before reading the body", async () => {
    expect(await step.run({ url: `${server.url}/declared` })).toEqual({ error: tooLarge });
    const sent = written.get("/declared")!;
    await sent.closed;
    expect(sent.bytes).toBeLessThan(hugeBytes / 10);
  });

  it("counts unpacked bytes: a small gzip body that unpacks past the cap is refused", async () => {
    expect(await step.run({ url: `${server.url}/bomb` })).toEqual({ error: tooLarge });
  });

  it("accepts a body of exactly the cap, and a HEAD answer that only declares a big one", async () => {
    const atLimit = await step.run({ url: `${server.url}/at-limit` });
    expect((atLimit.output?.body as string).length).toBe(limits.stepOutputBytes);
    expect(await step.run({ url: `${server.url}/over-limit` })).toEqual({ error: tooLarge });
    expect(await step.run({ method: "HEAD", url: `${server.url}/head` })).toMatchObject({ output: { status: 200, headers: { "content-length": String(hugeBytes) }, body: "" } });
  });

  it("refuses response headers over their cap", async () => {
    expect(await step.run({ url: `${server.url}/big-headers` })).toEqual({ error: { kind: "permanent", message: "response headers from 127.0.0.1 are larger than 16,384 bytes" } });
  });
});
