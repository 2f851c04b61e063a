import "server-only";
import type { Db } from "@/server/db/create-prisma-client";

// One function per statement on `idempotency_keys`; plain SQL that SQLite and PostgreSQL both run.

type Sql = Pick<Db, "$executeRaw" | "$queryRaw">;

export interface KeyScope {
  /** Whose key: "webhook:<token sha256>" or "api-key:<key id>". */
  credential: string;
  key: string;
}

export interface StoredClaim {
  fingerprint: string;
  runId: string;
}

/**
 * Claims the key for `runId` in one statement: inserts it, or takes over a row that expired
 * (claimed at or before `expiredBefore`) or was abandoned (claimed at or before `abandonedBefore`
 * and its run never started: the claimer died). True when this call holds the key. Parallel
 * claims of one key are serialised by its primary key: exactly one of them changes a row.
 */
export async function insertClaim(db: Sql, scope: KeyScope, claim: StoredClaim & { now: number; expiredBefore: number; abandonedBefore: number }): Promise<boolean> {
  const changed = await db.$executeRaw`
    INSERT INTO idempotency_keys (credential, "key", fingerprint, run_id, created_at_ms)
    VALUES (${scope.credential}, ${scope.key}, ${claim.fingerprint}, ${claim.runId}, ${BigInt(claim.now)})
    ON CONFLICT (credential, "key") DO UPDATE SET
      fingerprint = excluded.fingerprint, run_id = excluded.run_id, created_at_ms = excluded.created_at_ms
    WHERE idempotency_keys.created_at_ms <= ${BigInt(claim.expiredBefore)}
       OR (idempotency_keys.created_at_ms <= ${BigInt(claim.abandonedBefore)}
           AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = idempotency_keys.run_id))`;
  return changed === 1;
}

export async function selectClaim(db: Sql, scope: KeyScope): Promise<StoredClaim | null> {
  const rows = await db.$queryRaw<StoredClaim[]>`
    SELECT fingerprint, run_id AS "runId" FROM idempotency_keys WHERE credential = ${scope.credential} AND "key" = ${scope.key}`;
  return rows[0] ?? null;
}

/** Gives the key up after a start that made no run; a run that did start keeps it. */
export async function deleteUnusedClaim(db: Sql, scope: KeyScope, runId: string): Promise<void> {
  await db.$executeRaw`
    DELETE FROM idempotency_keys
    WHERE credential = ${scope.credential} AND "key" = ${scope.key} AND run_id = ${runId}
      AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = ${runId})`;
}

export async function deleteExpiredClaims(db: Sql, expiredBefore: number): Promise<number> {
  return db.$executeRaw`DELETE FROM idempotency_keys WHERE created_at_ms <= ${BigInt(expiredBefore)}`;
}
