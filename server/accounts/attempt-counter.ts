import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/create-prisma-client";

export interface AttemptRule {
  /** Seconds. */
  window: number;
  max: number;
}

export interface AttemptVerdict {
  allowed: boolean;
  /** Seconds until the window ends; null when allowed. */
  retryAfter: number | null;
}

/**
 * Fixed-window attempt counters in `rate_limits` (`last_request` holds the window's start, in ms).
 * One statement increments and reads the count: N parallel attempts get N distinct counts, so at
 * most `max` of them pass. A read-then-update lets parallel guesses all read the same count and pass
 * together. Serves better-auth's per-address limiter (as its `customStorage`) and our sign-in lockout.
 */
export class AttemptCounter {
  private lastPruned = 0;

  constructor(
    private readonly db: Pick<Db, "$queryRaw" | "rateLimit">,
    /** Rows whose window started longer ago than this are deleted now and then: the longest window in use. */
    private readonly keepSeconds: number,
  ) {}

  async consume(key: string, rule: AttemptRule, now = Date.now()): Promise<AttemptVerdict> {
    const ended = BigInt(now - rule.window * 1000); // a window that started at or before this is over
    const [row] = await this.db.$queryRaw<{ count: number | bigint; started: number | bigint }[]>`
      INSERT INTO rate_limits (id, "key", "count", last_request) VALUES (${randomUUID()}, ${key}, 1, ${BigInt(now)})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN rate_limits.last_request <= ${ended} THEN 1 ELSE rate_limits."count" + 1 END,
        last_request = CASE WHEN rate_limits.last_request <= ${ended} THEN ${BigInt(now)} ELSE rate_limits.last_request END
      RETURNING "count", last_request AS started`;
    if (!row) throw new Error(`rate limit counter ${key} returned no row`);
    const count = Number(row.count);
    if (count === 1) await this.pruneNowAndThen(now);
    if (count <= rule.max) return { allowed: true, retryAfter: null };
    // Parallel attempts reach the database in any order: the window may have been started by one whose
    // `now` is a few ms later than this one's, so the wait is kept within the window.
    const retryAfter = Math.ceil((Number(row.started) + rule.window * 1000 - now) / 1000);
    return { allowed: false, retryAfter: Math.min(rule.window, Math.max(1, retryAfter)) };
  }

  async clear(key: string): Promise<void> {
    await this.db.rateLimit.deleteMany({ where: { key } });
  }

  /** At most once a minute, when some window starts: keeps the table to the keys seen lately. */
  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPruned < 60_000) return;
    this.lastPruned = now;
    await this.db.rateLimit.deleteMany({ where: { lastRequest: { lt: BigInt(now - this.keepSeconds * 1000) } } });
  }
}
