// The Node front door reads requests as a `DoorRequest` (no web Request): the same headers, URL
// and bounded body as a web Request of the same bytes, over a real socket.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeDoorRequest, type DoorRequest } from "./door-request";
import { parseQuery } from "./parse-request";
import { BodyTooLargeError, readBodyAtMost } from "./read-bounded-body";
import { readJsonBody } from "./read-json-body";
import { startQuerySchema } from "./start-run.schema";

type Reader = (request: DoorRequest) => Promise<unknown>;

let server: http.Server;
let url: string;
let read: Reader = async () => null;

beforeAll(async () => {
  server = http.createServer(async (request, response) => {
    let result: unknown;
    try {
      result = { value: await read(nodeDoorRequest(request)) };
    } catch (error) {
      result = { error: (error as Error).name, message: (error as Error).message };
    }
    if (!response.headersSent && !response.destroyed) response.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends the headers (an array value: one header line per item) and the body in the chunks given. */
function post(path: string, headers: http.OutgoingHttpHeaders, chunks: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method: "POST", headers });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk));
      response.on("end", () => resolve(JSON.parse(text)));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("nodeDoorRequest", () => {
  it("answers headers as Headers.get does: any case, repeated fields joined with a comma, null when absent", async () => {
    read = async (request) => [request.headers.get("x-tag"), request.headers.get("X-TAG"), request.headers.get("content-type"), request.headers.get("idempotency-key")];
    const answer = await post("/", { "Content-Type": "application/json", "X-Tag": ["a", "b"] }, ["{}"]);
    expect(answer).toEqual({ value: ["a, b", "a, b", "application/json", null] });
  });

  it("has the absolute URL of the request, query included", async () => {
    read = async (request) => [request.url.endsWith("/api/hooks/abc?wait=true&timeout=5"), parseQuery(startQuerySchema, request)];
    expect(await post("/api/hooks/abc?wait=true&timeout=5", {}, [])).toEqual({ value: [true, { wait: true, timeout: 5 }] });
  });

  it("reads a JSON body sent in several chunks", async () => {
    read = (request) => readJsonBody(request, 1_000);
    expect(await post("/", { "content-type": "application/json" }, ['{"i": 1, ', '"route": "a"}'])).toEqual({ value: { i: 1, route: "a" } });
  });

  it.each([
    ["declared by Content-Length, before reading it", { "content-length": "110" }],
    ["chunked, once it passes the limit", {}],
  ])("refuses a body over the limit %s", async (_how, headers) => {
    let refusal: unknown;
    const refused = new Promise<void>((resolve) => {
      read = async (request) => {
        try {
          return await readBodyAtMost(request, 10);
        } catch (error) {
          refusal = error;
          resolve();
          throw error;
        }
      };
    });
    // A chunked body left unread is destroyed with its request (as cancelling the web stream did): the answer may not arrive.
    void post("/", headers, ["0123456789", "x".repeat(100)]).catch(() => {});
    await refused;
    expect(refusal).toBeInstanceOf(BodyTooLargeError);
  });

  it("reads an empty body as no bytes", async () => {
    read = async (request) => (await readBodyAtMost(request, 10)).length;
    expect(await post("/", {}, [])).toEqual({ value: 0 });
  });

  it("fails the read, rather than waiting for ever, when the client goes away before the body ended", async () => {
    const failed = new Promise<unknown>((resolve) => {
      read = async (request) => {
        try {
          return await readBodyAtMost(request, 1_000);
        } catch (error) {
          resolve(error);
          throw error;
        }
      };
    });
    const request = http.request(url, { method: "POST", headers: { "content-length": "100" } });
    request.on("error", () => {});
    request.write("0123456789", () => setTimeout(() => request.destroy(), 50));
    expect(await failed).toBeInstanceOf(Error);
  });
});
