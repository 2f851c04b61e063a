import { createHash } from "node:crypto";
import type { Db } from "@/server/db/create-prisma-client";

/**
 * Failed-or-pending sign-in attempts per email address, in the same `rate_limits` table as
 * better-auth's per-address limiter. The per-address limit alone can be dodged by a client that
 * sets its own X-Forwarded-For; this one cannot, because it counts the account being attacked.
 * A successful sign-in clears the count.
 */
export class SignInThrottle {
  constructor(
    private readonly db: Pick<Db, "rateLimit">,
    private readonly limit: { windowSeconds: number; max: number },
  ) {}

  /** Counts an attempt; false when the account has had too many within the window. */
  async allow(email: string, now = Date.now()): Promise<boolean> {
    const key = keyOf(email);
    const windowStart = now - this.limit.windowSeconds * 1000;
    const existing = await this.db.rateLimit.findUnique({ where: { key } });
    if (!existing || Number(existing.lastRequest) < windowStart) {
      await this.db.rateLimit.upsert({ where: { key }, create: { key, count: 1, lastRequest: BigInt(now) }, update: { count: 1, lastRequest: BigInt(now) } });
      return true;
    }
    if (existing.count >= this.limit.max) return false;
    await this.db.rateLimit.update({ where: { key }, data: { count: { increment: 1 }, lastRequest: BigInt(now) } });
    return true;
  }

  async clear(email: string): Promise<void> {
    await this.db.rateLimit.deleteMany({ where: { key: keyOf(email) } });
  }
}

function keyOf(email: string): string {
  return `sign-in-email|${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
}
