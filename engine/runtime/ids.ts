import { randomFillSync } from "node:crypto";
import { systemNowMs } from "./system-clock";

// Random bits come from a pooled buffer refilled from the CSPRNG (as `crypto.randomUUID` does): one
// call into OpenSSL per 256 ids instead of one per id.
const pool = Buffer.allocUnsafe(4096);
let poolOffset = pool.length;

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered ids keep inserts
 * into the `(run_id, …)` indexes near the end of the B-tree instead of scattered across it.
 */
export function uuidV7(now = systemNowMs()): string {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16); // consumed: written in place
  poolOffset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
