import "server-only";
import { createHash } from "node:crypto";
import { newRunId, type Engine, type StoredRun } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { deleteExpiredClaims, deleteUnusedClaim, insertClaim, selectClaim, type KeyScope } from "./idempotency-sql";
import { HttpError } from "./responses";
import { idempotencyKeyHeader, idempotencyKeyHours, idempotencyKeyPattern } from "./start-run.schema";
import type { DoorRequest } from "./door-request";

const keepMs = idempotencyKeyHours * 3_600_000;
/** A claim this old whose run never started belongs to a request that died: the key is free again. */
const abandonedAfterMs = 60_000;
/** How long a repeat waits for the first request's run to start before answering 409. */
const waitForFirstMs = 10_000;
const prunedAt = new WeakMap<object, number>();

/** The request's Idempotency-Key, null when it sent none; a malformed one is refused (400). */
export function idempotencyKeyOf(request: Pick<DoorRequest, "headers">): string | null {
  const key = request.headers.get(idempotencyKeyHeader);
  if (key === null) return null;
  if (!idempotencyKeyPattern.test(key)) throw new HttpError("BAD_REQUEST", `${idempotencyKeyHeader} is 1 to 255 printable ASCII characters (a UUID, say)`);
  return key;
}

export interface IdempotentRequest extends KeyScope {
  /** What the request asks for; a key sent again with another request is refused (422). */
  fingerprint: string;
}

/** sha256 of the JSON of what a start asks for: equal requests have equal fingerprints. */
export function fingerprintOf(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

export type Claim = { kind: "claimed"; runId: string } | { kind: "replay"; run: StoredRun };

/**
 * The first request with a key claims it, with the id its run will have; a repeat of that request
 * gets the run instead, once it exists. A repeat that arrives while the first is still starting
 * waits for it (up to 10 s, then 409); if the first made no run (it was refused and released the
 * key) the repeat claims the key itself. The same key with another request is refused (422).
 */
export async function claimIdempotencyKey(db: Db, engine: Pick<Engine, "getRun">, request: IdempotentRequest, now: () => number = Date.now): Promise<Claim> {
  const deadline = now() + waitForFirstMs;
  for (let delayMs = 5; ; delayMs = Math.min(delayMs * 2, 100)) {
    const at = now();
    const runId = newRunId(at);
    const claim = { fingerprint: request.fingerprint, runId, now: at, expiredBefore: at - keepMs, abandonedBefore: at - abandonedAfterMs };
    if (await insertClaim(db, request, claim)) {
      await pruneNowAndThen(db, at);
      return { kind: "claimed", runId };
    }
    const held = await selectClaim(db, request);
    if (!held) continue; // released or pruned between the two statements
    if (held.fingerprint !== request.fingerprint) {
      throw new HttpError("IDEMPOTENCY_KEY_REUSED", `this ${idempotencyKeyHeader} was already used with a different request in the last ${idempotencyKeyHours} hours: use a new key for a new request`);
    }
    const run = await engine.getRun(held.runId);
    if (run) return { kind: "replay", run };
    if (now() > deadline) throw new HttpError("IDEMPOTENCY_KEY_IN_USE", `a request with this ${idempotencyKeyHeader} is still starting its run: retry in a moment`, undefined, { "retry-after": "1" });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** Frees the key of a start that made no run (refused input, say), so a corrected retry can use it. */
export async function releaseIdempotencyKey(db: Db, request: KeyScope, runId: string): Promise<void> {
  await deleteUnusedClaim(db, request, runId);
}

/** At most once a minute per process and database: expired keys are deleted. */
async function pruneNowAndThen(db: Db, now: number): Promise<void> {
  if (now - (prunedAt.get(db) ?? 0) < 60_000) return;
  prunedAt.set(db, now);
  await deleteExpiredClaims(db, now - keepMs);
}
