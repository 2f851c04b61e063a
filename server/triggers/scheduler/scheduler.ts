import "server-only";
import { silentLogger, type Engine, type Logger } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { prismaStartCatalog, type StartCatalog } from "../start-catalog";
import { fireSchedule, type FiredSlot } from "./fire-schedule";
import { onSchedulesChanged } from "./schedule-signal";

export interface SchedulerOptions {
  db: Db;
  engine: Engine;
  /** What a firing reads to start its run; through `db` when absent. */
  catalog?: StartCatalog;
  now?: () => Date;
  logger?: Logger;
  /**
   * Longest sleep between looks at the table. Changes made in this process wake the timer at
   * once; this bounds how late a schedule created by another process (scale-out) can fire.
   */
  maxSleepMs?: number;
}

export type Scheduler = ReturnType<typeof createScheduler>;

/** Schedules claimed per look: a backlog larger than this is worked off by immediate re-looks. */
const batchSize = 50;

/**
 * Fires due schedules of every team, then sleeps until the earliest `next_run_at`.
 *
 * @example
 * const scheduler = createScheduler({ db, engine });
 * await scheduler.start(); // fires what came due while the server was down, once per schedule
 * await scheduler.stop();
 */
export function createScheduler(options: SchedulerOptions) {
  const db = options.db;
  const catalog = options.catalog ?? prismaStartCatalog(db);
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let unsubscribe: (() => void) | undefined;

  /** Fires every schedule due at `now()`; resolves with the slots this scheduler claimed. */
  async function fireDue(): Promise<FiredSlot[]> {
    const outcomes: FiredSlot[] = [];
    for (;;) {
      const at = now();
      const due = await db.schedule.findMany({
        where: { enabled: true, nextRunAt: { lte: at } },
        orderBy: { nextRunAt: "asc" },
        take: batchSize,
        select: { id: true, workflowId: true, cron: true, timezone: true, input: true, nextRunAt: true, workflow: { select: { teamId: true } } },
      });
      for (const schedule of due) {
        try {
          const outcome = await fireSchedule(db, options.engine, schedule, at, catalog);
          // Not fired: another process claimed the slot first.
          if (!outcome.fired) continue;
          if (outcome.error) logger.warn(`schedule ${schedule.id} started no run: ${outcome.error}`);
          outcomes.push(outcome);
        } catch (error) {
          logger.error(`schedule ${schedule.id} failed to fire`, error);
        }
      }
      if (due.length < batchSize) return outcomes;
    }
  }

  async function delayToNext(): Promise<number> {
    const next = await db.schedule.findFirst({
      where: { enabled: true, nextRunAt: { not: null } },
      orderBy: { nextRunAt: "asc" },
      select: { nextRunAt: true },
    });
    if (!next?.nextRunAt) return maxSleepMs;
    return Math.min(Math.max(next.nextRunAt.getTime() - now().getTime(), 0), maxSleepMs);
  }

  // One look at a time: a signal during a look re-arms after it instead of overlapping it.
  function wake(): void {
    if (stopped) return;
    clearTimeout(timer);
    running = (running ?? Promise.resolve()).then(async () => {
      if (stopped) return;
      try {
        await fireDue();
        const delay = await delayToNext();
        if (!stopped) {
          clearTimeout(timer);
          timer = setTimeout(wake, delay);
        }
      } catch (error) {
        logger.error("scheduler look failed; retrying", error);
        if (!stopped) timer = setTimeout(wake, Math.min(5_000, maxSleepMs));
      }
    });
  }

  return {
    fireDue,
    /** Fires what is due now (missed slots fire once), then keeps firing on time until `stop()`. */
    async start(): Promise<void> {
      if (!stopped) return;
      stopped = false;
      unsubscribe = onSchedulesChanged(wake);
      wake();
      await running;
    },
    /** Clears the timer and waits for a look in progress; nothing fires afterwards. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      await running;
    },
  };
}
