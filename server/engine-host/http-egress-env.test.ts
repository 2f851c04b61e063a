import { describe, expect, it } from "vitest";
import { httpEgressFromEnv } from "./http-egress-env";

describe("httpEgressFromEnv", () => {
  it("opens nothing when ORKA_HTTP_ALLOW is unset or empty", () => {
    for (const env of [{}, { ORKA_HTTP_ALLOW: "" }, { ORKA_HTTP_ALLOW: " , " }]) expect(httpEgressFromEnv(env)).toEqual({ hosts: new Set(), ranges: [] });
  });

  it("reads host names, addresses and ranges", () => {
    const policy = httpEgressFromEnv({ ORKA_HTTP_ALLOW: "127.0.0.1,10.0.0.0/8,internal.example.com" });
    expect([...policy.hosts]).toEqual(["internal.example.com"]);
    expect(policy.ranges.map(([base, bits]) => `${base.toString()}/${bits}`)).toEqual(["127.0.0.1/32", "10.0.0.0/8"]);
  });

  it("stops on an entry it cannot read, naming the variable and the entry", () => {
    expect(() => httpEgressFromEnv({ ORKA_HTTP_ALLOW: "127.0.0.1,localhost:3000" })).toThrow('ORKA_HTTP_ALLOW: "localhost:3000" is not a host name, an IP address or a CIDR range');
  });
});
