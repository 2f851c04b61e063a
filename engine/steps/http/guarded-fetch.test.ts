import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEgressAllowList } from "./egress-policy";
import { unreachableMessage } from "./guarded-fetch";
import { closedPort, guardedHttpStep, localServer, type LocalServer } from "./testing/local-servers";

// Real sockets on loopback addresses: 127.0.0.1 plays the private target, 127.0.0.2 and 127.0.0.3
// the allowed "public" servers of an install (Linux routes all of 127.0.0.0/8 to loopback).
const ok = (name: string) => (_: unknown, response: import("node:http").ServerResponse) => response.end(name);
const notReached = (hostname: string) => ({ kind: "transient", message: unreachableMessage(hostname) });
let target: LocalServer;
let targetV6: LocalServer;
beforeAll(async () => {
  target = await localServer("127.0.0.1", ok("private data"));
  targetV6 = await localServer("::1", ok("private data"));
});
afterAll(async () => {
  await target.close();
  await targetV6.close();
});

describe("the default egress policy", () => {
  const step = guardedHttpStep();
  afterAll(() => step.close());

  it.each([
    ["127.0.0.1", () => `${target.url}/`],
    ["0.0.0.0", () => `http://0.0.0.0:${target.port}/`],
    ["[::1]", () => `${targetV6.url}/`],
    ["[::ffff:7f00:1]", () => `http://[::ffff:127.0.0.1]:${target.port}/`],
    ["127.0.0.1", () => `http://2130706433:${target.port}/`], // 127.0.0.1 as one number
    ["localhost", () => `http://localhost:${target.port}/`],
    ["169.254.169.254", () => "http://169.254.169.254/latest/meta-data/"],
    ["10.0.0.1", () => "http://10.0.0.1/"],
  ])("refuses %s with the generic error, before any request is sent", async (hostname, url) => {
    const before = target.received.length + targetV6.received.length;
    expect(await step.run({ url: url() })).toEqual({ error: notReached(hostname) });
    expect(target.received.length + targetV6.received.length).toBe(before);
  });

  it("says the same for an open and a closed port, refused or allowed, and logs the difference", async () => {
    const closed = await closedPort();
    const open = await step.run({ url: `${target.url}/` });
    const shut = await step.run({ url: `http://127.0.0.1:${closed}/` });
    const allowing = guardedHttpStep(parseEgressAllowList("127.0.0.1"));
    const allowedShut = await allowing.run({ url: `http://127.0.0.1:${closed}/` });
    await allowing.close();
    expect(open).toEqual({ error: notReached("127.0.0.1") });
    expect(shut).toEqual(open);
    expect(allowedShut).toEqual(open);
    expect(step.logged.slice(-2)).toEqual(Array(2).fill("an http step's request was not answered: refused 127.0.0.1 (loopback), not in the allow list"));
    expect(allowing.logged).toEqual([`an http step's request was not answered: ECONNREFUSED 127.0.0.1:${closed}`]);
    await step.run({ url: `http://localhost:${closed}/` });
    expect(step.logged.at(-1)).toBe("an http step's request was not answered: refused 127.0.0.1 (loopback), not in the allow list");
  });
});

describe("ORKA_HTTP_ALLOW admits exactly what it lists", () => {
  const servers: LocalServer[] = [];
  const at = async (host: string) => {
    const server = await localServer(host, ok(host));
    servers.push(server);
    return server;
  };
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it("a host name: its addresses by that name, not the same address by another", async () => {
    const step = guardedHttpStep(parseEgressAllowList("localhost"));
    expect(await step.run({ url: `http://localhost:${target.port}/` })).toMatchObject({ output: { status: 200, body: "private data" } });
    expect(await step.run({ url: `${target.url}/` })).toEqual({ error: notReached("127.0.0.1") });
    await step.close();
  });

  it("an IP address: that address only", async () => {
    const [two, three] = [await at("127.0.0.2"), await at("127.0.0.3")];
    const step = guardedHttpStep(parseEgressAllowList("127.0.0.2"));
    expect(await step.run({ url: two.url })).toMatchObject({ output: { status: 200, body: "127.0.0.2" } });
    expect(await step.run({ url: three.url })).toEqual({ error: notReached("127.0.0.3") });
    expect(three.received).toEqual([]);
    await step.close();
  });

  it("a CIDR range: the addresses inside it", async () => {
    const [two, three, four] = [await at("127.0.0.2"), await at("127.0.0.3"), await at("127.0.0.4")];
    const step = guardedHttpStep(parseEgressAllowList("127.0.0.2/31"));
    expect(await step.run({ url: two.url })).toMatchObject({ output: { body: "127.0.0.2" } });
    expect(await step.run({ url: three.url })).toMatchObject({ output: { body: "127.0.0.3" } });
    expect(await step.run({ url: four.url })).toEqual({ error: notReached("127.0.0.4") });
    expect(await step.run({ url: `${target.url}/` })).toEqual({ error: notReached("127.0.0.1") });
    expect(four.received).toEqual([]);
    await step.close();
  });
});

describe("redirects", () => {
  let allowed: LocalServer;
  let other: LocalServer;
  const step = guardedHttpStep(parseEgressAllowList("127.0.0.2, 127.0.0.3"));
  const echo = (request: { method: string; path: string; headers: Record<string, unknown>; body: string }) => JSON.stringify({ method: request.method, path: request.path, body: request.body, authorization: request.headers.authorization ?? null, type: request.headers["content-type"] ?? null });
  beforeAll(async () => {
    // /hop/<status>/<n> redirects n times with <status>, then to /echo; /to?url=… redirects anywhere.
    const handle = (request: Parameters<typeof echo>[0], response: import("node:http").ServerResponse) => {
      const url = new URL(request.path, "http://x");
      const hop = /^\/hop\/(\d+)\/(\d+)$/.exec(url.pathname);
      if (hop) return response.writeHead(Number(hop[1]), { location: Number(hop[2]) > 1 ? `/hop/${hop[1]}/${Number(hop[2]) - 1}` : "/echo" }).end("moved");
      if (url.pathname === "/to") return response.writeHead(302, { location: url.searchParams.get("url")! }).end();
      if (url.pathname === "/bare") return response.writeHead(302).end("no location");
      response.writeHead(200, { "content-type": "application/json" }).end(echo(request));
    };
    allowed = await localServer("127.0.0.2", handle);
    other = await localServer("127.0.0.3", handle);
  });
  afterAll(async () => {
    await step.close();
    await allowed.close();
    await other.close();
  });

  it("refuses a redirect from an allowed server into loopback, by address or by name", async () => {
    for (const [hostname, into] of [["127.0.0.1", target.url], ["localhost", `http://localhost:${target.port}`], ["169.254.169.254", "http://169.254.169.254"]]) {
      const result = await step.run({ url: `${allowed.url}/to?url=${encodeURIComponent(`${into}/private`)}` });
      expect(result).toEqual({ error: notReached(hostname!) });
    }
    expect(target.received.filter((request) => request.path === "/private")).toEqual([]);
  });

  it.each([
    [301, "POST", "GET", ""],
    [302, "POST", "GET", ""],
    [303, "PUT", "GET", ""],
    [307, "POST", "POST", '{"n":1}'],
    [308, "PUT", "PUT", '{"n":1}'],
  ])("%i after a %s continues with %s", async (status, method, then, body) => {
    const result = await step.run({ method, url: `${allowed.url}/hop/${status}/2`, body: "{ 'n': 1 }" });
    expect(result.output?.body).toEqual({ method: then, path: "/echo", body, authorization: null, type: body ? "application/json" : null });
  });

  it("follows 5 redirects and fails for good at the 6th", async () => {
    expect(await step.run({ url: `${allowed.url}/hop/302/5` })).toMatchObject({ output: { status: 200, body: { path: "/echo" } } });
    expect(await step.run({ url: `${allowed.url}/hop/302/6` })).toEqual({ error: { kind: "permanent", message: "request to 127.0.0.2 failed: more than 5 redirects" } });
  });

  it("keeps credentials within the origin and drops them for another one", async () => {
    const headers = { authorization: "Bearer t0k" };
    expect((await step.run({ url: `${allowed.url}/to?url=/echo`, headers })).output?.body).toMatchObject({ authorization: "Bearer t0k" });
    expect((await step.run({ url: `${allowed.url}/to?url=${encodeURIComponent(`${other.url}/echo`)}`, headers })).output?.body).toMatchObject({ path: "/echo", authorization: null });
  });

  it("returns a redirect without a Location as it is, and refuses one to another scheme", async () => {
    expect(await step.run({ url: `${allowed.url}/bare` })).toMatchObject({ output: { status: 302, body: "no location" } });
    expect(await step.run({ url: `${allowed.url}/to?url=${encodeURIComponent("file:///etc/passwd")}` })).toEqual({
      error: { kind: "permanent", message: "127.0.0.2 redirected to a file: URL; only http and https are followed" },
    });
  });
});
