import { runEventTypes, type RunEvent, type RunEventType } from "../../engine/index";
import type { Db } from "../db/create-prisma-client";

export interface RunCursor {
  runId: string;
  afterSeq: number;
}

/** Where the feed reads committed events: the `run_events` table, whichever process wrote them. */
export interface RunEventSource {
  /** Events with `seq > afterSeq` of each cursor's run, ascending by run then seq, at most `limit` in all. */
  read(cursors: readonly RunCursor[], limit: number): Promise<RunEvent[]>;
  /** The run's last event, or null when it has none yet. */
  last(runId: string): Promise<{ seq: number; type: RunEventType } | null>;
}

/** Reads `run_events` through Prisma: the same rows the engine's stores write, on either database. */
export function prismaRunEventSource(db: Db): RunEventSource {
  return {
    async read(cursors, limit) {
      if (cursors.length === 0) return [];
      const rows = await db.runEvent.findMany({
        where: { OR: cursors.map(({ runId, afterSeq }) => ({ runId, seq: { gt: afterSeq } })) },
        orderBy: [{ runId: "asc" }, { seq: "asc" }],
        take: limit,
        select: { runId: true, seq: true, type: true, stepId: true, payload: true, at: true },
      });
      return rows.map((row) => ({ ...row, type: eventType(row.type), payload: JSON.parse(row.payload) as Record<string, unknown> }));
    },
    async last(runId) {
      const row = await db.runEvent.findFirst({ where: { runId }, orderBy: { seq: "desc" }, select: { seq: true, type: true } });
      return row && { seq: row.seq, type: eventType(row.type) };
    },
  };
}

function eventType(value: string): RunEventType {
  if (!(runEventTypes as readonly string[]).includes(value)) throw new Error(`unknown event type "${value}" in run_events`);
  return value as RunEventType;
}
