import "server-only";
import type { Engine } from "@/engine";
import { scheduleActor } from "@/server/audit/record-audit";
import { startPublishedRun } from "../start-published-run";
import { prismaStartCatalog } from "../start-catalog";
import { TriggerError } from "../trigger-error";
import { nextSlot } from "./cron";
import { claimSlot, recordFiring } from "./schedule-sql";
import type { Db } from "@/server/db/create-prisma-client";

export interface DueSchedule {
  id: string;
  workflowId: string;
  cron: string;
  timezone: string;
  input: string;
  nextRunAt: Date | null;
  workflow: { teamId: string };
}

/** A slot this process claimed: the run it started, or why it started none. */
export interface FiredSlot {
  fired: true;
  runId: string | null;
  error: string | null;
}

export type FireOutcome = { fired: false } | FiredSlot;

/**
 * Claims the schedule's due slot and starts one run for it. The claim moves `next_run_at` from the
 * value read to the first slot after `now` in one conditional UPDATE: of several processes that
 * read the same slot exactly one moves it, the others match no row and start nothing. Every slot
 * missed while no process ran collapses into this one firing.
 *
 * Hazard: the claim and the run are two commits (the engine writes runs through its own
 * connection). A crash between them skips that slot: firing is at most once per slot.
 */
export async function fireSchedule(db: Db, engine: Engine, schedule: DueSchedule, now: Date, catalog = prismaStartCatalog(db)): Promise<FireOutcome> {
  if (!schedule.nextRunAt || !(await claimSlot(db, schedule.id, schedule.nextRunAt, nextSlot(schedule, now), now))) return { fired: false };
  try {
    const { runId } = await startPublishedRun(catalog, engine, {
      teamId: schedule.workflow.teamId,
      workflowId: schedule.workflowId,
      input: JSON.parse(schedule.input) as unknown,
      actor: scheduleActor,
    });
    await recordFiring(db, schedule.id, { runId, error: null }, now);
    return { fired: true, runId, error: null };
  } catch (error) {
    // A workflow that is not published or an input its schema refuses: recorded for the designer
    // to show, and the schedule stays armed for the next slot.
    if (!(error instanceof TriggerError)) throw error;
    await recordFiring(db, schedule.id, { runId: null, error: error.message }, now);
    return { fired: true, runId: null, error: error.message };
  }
}
