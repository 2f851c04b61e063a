import { afterAll, describe, expect, it } from "vitest";
import { serveOverHttp } from "./auth-http-kit";
import { clientAddressHeader, clientAddressOf, trustedProxyHops, withClientAddress } from "./client-address";
import { recordSocketAddresses, socketAddressHeader } from "./socket-address";

describe("trustedProxyHops (ORKA_TRUST_PROXY)", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    ["false", 0],
    ["true", 1],
    ["1", 1],
    [" 2 ", 2],
  ])("%s → %s", (setting, hops) => {
    expect(trustedProxyHops(setting)).toBe(hops);
  });

  it("refuses anything else, naming the setting", () => {
    expect(() => trustedProxyHops("yes")).toThrow(/ORKA_TRUST_PROXY is "yes"/);
    expect(() => trustedProxyHops("-1")).toThrow(/ORKA_TRUST_PROXY/);
  });
});

describe("clientAddressOf", () => {
  const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

  it("takes the entry the outermost trusted proxy appended, never the client's own claims to its left", () => {
    expect(clientAddressOf(forwarded("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddressOf(forwarded("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientAddressOf(forwarded("203.0.113.9"), 2)).toBe("203.0.113.9");
  });

  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddressOf(forwarded("203.0.113.9"), 0)).toBeNull();
  });
});

describe("socket addresses, over real HTTP", () => {
  recordSocketAddresses();
  const seen: { address: string | null; direct: string | null }[] = [];
  const served = serveOverHttp("http://127.0.0.1:3996", async (request) => {
    seen.push({ address: clientAddressOf(request.headers, 1), direct: withClientAddress(request, 0).headers.get(clientAddressHeader) });
    return new Response("ok");
  });
  afterAll(async () => (await served).close());

  it("stamps each request with its connection's address, replacing forged stamps; X-Forwarded-For counts only behind a trusted proxy", async () => {
    const server = await served;
    const forged = { [socketAddressHeader]: "6.6.6.6", [clientAddressHeader]: "6.6.6.7" };
    await server.post("/x", {}, { from: "127.0.0.2", headers: { ...forged, "x-forwarded-for": "203.0.113.9" } });
    await server.post("/x", {}, { from: "127.0.0.3", headers: forged });
    expect(seen).toEqual([
      { address: "203.0.113.9", direct: "127.0.0.2" },
      { address: "127.0.0.3", direct: "127.0.0.3" },
    ]);
  });
});
