import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which targets beyond the public internet `http` steps may reach. The default refuses every
 * address that is not public unicast; an install opens what it needs with an allow list.
 */
export interface EgressPolicy {
  /** Host names (lowercase, without a trailing dot) whose addresses may all be reached. */
  readonly hosts: ReadonlySet<string>;
  /** Addresses (as /32 or /128) and CIDR ranges that may be reached whatever their kind. */
  readonly ranges: readonly (readonly [Address, number])[];
}

/** What an address is: `public` (global unicast), `cloudMetadata`, or ipaddr.js's name of its special range. */
export type AddressKind = "public" | "cloudMetadata" | "invalid" | (string & {});

export const defaultEgressPolicy: EgressPolicy = { hosts: new Set(), ranges: [] };

// Instance metadata and host services of the big clouds. Most sit in ranges refused anyway; they are
// named so that an allowed CIDR or host name never opens them: only the exact address listed does.
const cloudMetadataAddresses = new Set(
  [
    "169.254.169.254", // AWS, GCP, Azure, OpenStack, DigitalOcean…
    "169.254.170.2", // AWS ECS task metadata
    "168.63.129.16", // Azure wire server (a public address)
    "100.100.100.200", // Alibaba Cloud
    "192.0.0.192", // Oracle Cloud
    "fd00:ec2::254", // AWS over IPv6
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);
const globalUnicast = ipaddr.parseCIDR("2000::/3");

/**
 * Classifies an IP address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is classified as its IPv4
 * address; IPv6 outside 2000::/3 (IPv4-compatible `::a.b.c.d`, unassigned space) is `reserved`.
 *
 * @example
 * addressKind("10.1.2.3") // "private"
 * addressKind("::ffff:169.254.169.254") // "cloudMetadata"
 */
export function addressKind(address: string): AddressKind {
  const parsed = parseAddress(address);
  if (!parsed) return "invalid";
  if (cloudMetadataAddresses.has(parsed.toNormalizedString())) return "cloudMetadata";
  const range = parsed.range();
  if (range !== "unicast") return range;
  if (parsed.kind() === "ipv6" && !parsed.match(globalUnicast)) return "reserved";
  return "public";
}

/**
 * Whether `http` steps may connect to `address`, reached by the name `hostname` (the URL's host;
 * an IP literal when the URL names one). Public addresses always may; others when the allow list
 * names the host or covers the address; metadata addresses only when listed exactly.
 */
export function checkEgress(policy: EgressPolicy, hostname: string, address: string): { allowed: boolean; kind: AddressKind } {
  const kind = addressKind(address);
  const parsed = parseAddress(address);
  if (kind === "public") return { allowed: true, kind };
  if (!parsed) return { allowed: false, kind };
  const fullPrefix = parsed.kind() === "ipv4" ? 32 : 128;
  const covered = policy.ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits) && (kind !== "cloudMetadata" || bits === fullPrefix));
  return { allowed: covered || (kind !== "cloudMetadata" && policy.hosts.has(normalizeHost(hostname))), kind };
}

/**
 * Parses a comma-separated allow list of host names, IP addresses and CIDR ranges; throws an Error
 * naming the first entry that is none of them.
 *
 * @example
 * parseEgressAllowList("127.0.0.1, 10.0.0.0/8, internal.example.com")
 */
export function parseEgressAllowList(text: string): EgressPolicy {
  const hosts = new Set<string>();
  const ranges: [Address, number][] = [];
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\]$/, "$1");
    if (entry.includes("/") && ipaddr.isValidCIDR(entry)) ranges.push(processedRange(ipaddr.parseCIDR(entry)));
    else if (ipaddr.IPv6.isValid(bare) || ipaddr.IPv4.isValidFourPartDecimal(bare)) {
      const address = ipaddr.process(bare);
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (isHostName(entry)) hosts.add(normalizeHost(entry));
    else throw new Error(`"${entry}" is not a host name, an IP address or a CIDR range`);
  }
  return { hosts, ranges };
}

/** `::ffff:10.0.0.0/104` is the IPv4 range 10.0.0.0/8: connections are checked on the IPv4 form. */
function processedRange([base, bits]: [Address, number]): [Address, number] {
  if (base.kind() === "ipv6" && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [base, bits];
}

function parseAddress(address: string): Address | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(bare) ? ipaddr.process(bare) : null;
}

/** Letters, digits, hyphens and dots, with at least one letter (so `10.1` is not taken for a name). */
function isHostName(entry: string): boolean {
  return /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(entry) && entry.length <= 253;
}

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}
