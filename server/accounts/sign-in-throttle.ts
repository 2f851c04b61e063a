import { createHash } from "node:crypto";
import type { AttemptCounter, AttemptRule } from "./attempt-counter";

/**
 * Sign-in attempts per account *and* client address, next to better-auth's per-address limit.
 * Keyed by both so that wrong passwords sent from elsewhere never lock the account's owner out at
 * their own address; counted atomically (`AttemptCounter`), so parallel guesses cannot pass together.
 * A successful sign-in clears the count, so only a run of failures locks.
 */
export class SignInThrottle {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly rule: AttemptRule,
  ) {}

  /** Counts an attempt; false when this account has had too many from this address within the window. */
  async allow(email: string, address: string | null, now = Date.now()): Promise<boolean> {
    return (await this.counter.consume(keyOf(email, address), this.rule, now)).allowed;
  }

  async clear(email: string, address: string | null): Promise<void> {
    await this.counter.clear(keyOf(email, address));
  }
}

function keyOf(email: string, address: string | null): string {
  const account = email.trim().toLowerCase();
  return `sign-in|${createHash("sha256").update(`${account}|${address ?? "unknown address"}`).digest("hex")}`;
}
