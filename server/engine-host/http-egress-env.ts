import { parseEgressAllowList, type EgressPolicy } from "../../engine/index";

/**
 * What `http` steps may reach besides public addresses, from `ORKA_HTTP_ALLOW`: comma-separated
 * host names, IP addresses and CIDR ranges. Unset or empty, nothing is added. An entry that is none
 * of them stops the start with its name, rather than being ignored.
 *
 * @example
 * httpEgressFromEnv({ ORKA_HTTP_ALLOW: "127.0.0.1,10.0.0.0/8,internal.example.com" })
 */
export function httpEgressFromEnv(env: Record<string, string | undefined> = process.env): EgressPolicy {
  try {
    return parseEgressAllowList(env.ORKA_HTTP_ALLOW ?? "");
  } catch (error) {
    throw new Error(`ORKA_HTTP_ALLOW: ${(error as Error).message}`);
  }
}
