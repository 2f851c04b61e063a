import { describe, expect, it } from "vitest";
import { addressKind, checkEgress, defaultEgressPolicy, parseEgressAllowList } from "./egress-policy";

describe("addressKind", () => {
  it.each([
    ["93.184.215.14", "public"],
    ["8.8.8.8", "public"],
    ["2606:4700:4700::1111", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["169.254.1.1", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["100.64.0.1", "carrierGradeNat"],
    ["198.18.0.1", "reserved"], // benchmarking (RFC 2544)
    ["2001:2::1", "benchmarking"],
    ["192.0.2.1", "reserved"], // documentation
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["2001:db8::1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.0.8", "reserved"],
    ["169.254.169.254", "cloudMetadata"],
    ["169.254.170.2", "cloudMetadata"],
    ["168.63.129.16", "cloudMetadata"],
    ["100.100.100.200", "cloudMetadata"],
    ["192.0.0.192", "cloudMetadata"],
    ["fd00:ec2::254", "cloudMetadata"],
    // IPv4-mapped IPv6 is its IPv4 address.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "cloudMetadata"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["::ffff:8.8.8.8", "public"],
    // IPv6 forms that embed or stand for other addresses, and unassigned space.
    ["::127.0.0.1", "loopback"], // ipaddr.js reads the deprecated IPv4-compatible form as mapped
    ["::7f00:1", "reserved"], // the same IPv4-compatible address in hex
    ["64:ff9b::a00:1", "rfc6052"], // NAT64 of 10.0.0.1
    ["2002:7f00:1::1", "6to4"],
    ["2001::1", "teredo"],
    ["4000::1", "reserved"],
    ["[::1]", "loopback"],
    ["not-an-address", "invalid"],
  ])("%s is %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe("checkEgress", () => {
  const policy = parseEgressAllowList("127.0.0.1, 10.0.0.0/8, Internal.Example.com, 169.254.0.0/16, [fd00::1], ::ffff:192.168.0.0/120");

  it.each([
    ["api.example.com", "93.184.215.14", true, "public whatever the name"],
    ["x", "127.0.0.1", true, "a listed address"],
    ["x", "127.0.0.2", false, "next to a listed address"],
    ["x", "::ffff:127.0.0.1", true, "a listed address in IPv4-mapped form"],
    ["x", "10.200.0.1", true, "inside a listed range"],
    ["x", "172.16.0.1", false, "another private range"],
    ["internal.example.com", "172.16.0.1", true, "by a listed name"],
    ["INTERNAL.example.com.", "172.16.0.1", true, "by a listed name in another case, fully qualified"],
    ["other.example.com", "172.16.0.1", false, "by another name"],
    ["x", "169.254.1.1", true, "link-local inside a listed range"],
    ["x", "169.254.169.254", false, "metadata inside a listed range"],
    ["internal.example.com", "169.254.169.254", false, "metadata behind a listed name"],
    ["x", "fd00::1", true, "a listed IPv6 address in brackets"],
    ["x", "192.168.0.9", true, "inside a range written IPv4-mapped"],
    ["x", "192.168.1.9", false, "outside a range written IPv4-mapped"],
  ])("%s at %s: %s (%s)", (hostname, address, allowed) => {
    expect(checkEgress(policy, hostname, address).allowed).toBe(allowed);
  });

  it("opens a metadata address only when it is listed exactly", () => {
    expect(checkEgress(parseEgressAllowList("169.254.169.254"), "x", "169.254.169.254")).toEqual({ allowed: true, kind: "cloudMetadata" });
    expect(checkEgress(parseEgressAllowList("169.254.169.254/32"), "x", "169.254.169.254").allowed).toBe(true);
  });

  it("allows only public addresses by default", () => {
    expect(checkEgress(defaultEgressPolicy, "localhost", "127.0.0.1")).toEqual({ allowed: false, kind: "loopback" });
    expect(checkEgress(defaultEgressPolicy, "example.com", "93.184.215.14")).toEqual({ allowed: true, kind: "public" });
  });
});

describe("parseEgressAllowList", () => {
  it("reads host names, addresses and ranges, ignoring blanks and spaces", () => {
    const policy = parseEgressAllowList(" localhost ,, 127.0.0.1,10.0.0.0/8 ,::1 ");
    expect([...policy.hosts]).toEqual(["localhost"]);
    expect(policy.ranges.map(([base, bits]) => `${base.toString()}/${bits}`)).toEqual(["127.0.0.1/32", "10.0.0.0/8", "::1/128"]);
    expect(parseEgressAllowList("")).toEqual(defaultEgressPolicy);
  });

  it.each(["10.0.0.0/33", "localhost:8080", "http://example.com", "10.1", "*.example.com", "exa mple.com"])("refuses %s, naming it", (entry) => {
    expect(() => parseEgressAllowList(`127.0.0.1,${entry}`)).toThrow(`"${entry}" is not a host name, an IP address or a CIDR range`);
  });
});
