import "server-only";
import type { Db } from "@/server/db/create-prisma-client";

// Single statements, not Prisma's updateMany: on SQLite that runs SELECT then UPDATE in a deferred
// transaction, and two processes claiming the same slot deadlock until the busy timeout. Portable
// SQL (quoted identifiers, Date and boolean parameters) for SQLite and PostgreSQL alike.

/**
 * Moves a schedule's `next_run_at` from `slot` to `next` if nobody moved it first; true when this
 * call did (the caller owns the slot).
 */
export async function claimSlot(db: Db, scheduleId: string, slot: Date, next: Date | null, now: Date): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "schedules" SET "next_run_at" = ${next}, "last_run_at" = ${now}, "updated_at" = ${now}
    WHERE "id" = ${scheduleId} AND "enabled" = ${true} AND "next_run_at" = ${slot}`;
  return changed === 1;
}

/** What the claimed slot did: the run it started, or why it started none. */
export async function recordFiring(db: Db, scheduleId: string, outcome: { runId: string | null; error: string | null }, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "schedules" SET "last_run_id" = COALESCE(${outcome.runId}, "last_run_id"), "last_error" = ${outcome.error}, "updated_at" = ${now}
    WHERE "id" = ${scheduleId}`;
}
