import { createHmac, timingSafeEqual } from "node:crypto";

export const signatureHeader = "Orka-Signature";

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the subscription's secret>`. The
 * timestamp is signed with the body, so a receiver can refuse old deliveries replayed later.
 *
 * @example
 * signDelivery("whsec_…", '{"event":"run.completed"}', 1765000000) // "t=1765000000,v1=5d1c…"
 */
export function signDelivery(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, `${timestampSeconds}.${body}`)}`;
}

/**
 * What a receiver does (README "Observability" shows the same in a few lines): true when one `v1`
 * of the header matches the body and the timestamp is within `toleranceSeconds` of `now`.
 */
export function verifyDelivery(secret: string, body: string, header: string, { now = Date.now(), toleranceSeconds = 300 } = {}): boolean {
  const parts = header.split(",").map((part) => part.split("=", 2) as [string, string?]);
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${timestamp}.${body}`));
  return parts.some(([key, value]) => key === "v1" && value !== undefined && value.length === expected.length && timingSafeEqual(Buffer.from(value), expected));
}

const hmacHex = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("hex");
