import type pg from "pg";
import { runEventTypes, type RunEvent, type RunEventType } from "../../engine/index";
import { utcTimestampTypes } from "./stores/pg-types";
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

/**
 * Reads `run_events` on PostgreSQL through a `pg` pool: the feed's reads are its hot path (one per
 * wake-up, one per subscription), and through Prisma each compiled its query afresh (the cursors'
 * `OR` has another shape for each number of runs). One statement per read, a lookup per cursor.
 */
export function pgRunEventSource(pool: pg.Pool): RunEventSource {
  return {
    async read(cursors, limit) {
      if (cursors.length === 0) return [];
      const text = `SELECT event.run_id, event.seq, event.type, event.step_id, event.payload, event.at
        FROM unnest($1::text[], $2::int[]) AS cursor (run_id, after_seq)
        CROSS JOIN LATERAL (SELECT * FROM run_events WHERE run_events.run_id = cursor.run_id AND run_events.seq > cursor.after_seq ORDER BY seq LIMIT $3) AS event
        ORDER BY event.run_id, event.seq LIMIT $3`;
      const values = [cursors.map((cursor) => cursor.runId), cursors.map((cursor) => cursor.afterSeq), limit];
      const rows = (await pool.query<EventRow>({ name: "orka_feed_read", text, values, types: utcTimestampTypes })).rows;
      return rows.map((row) => ({ runId: row.run_id, seq: row.seq, type: eventType(row.type), stepId: row.step_id, payload: JSON.parse(row.payload) as Record<string, unknown>, at: row.at }));
    },
    async last(runId) {
      const text = `SELECT seq, type FROM run_events WHERE run_id = $1 ORDER BY seq DESC LIMIT 1`;
      const row = (await pool.query<{ seq: number; type: string }>({ name: "orka_feed_last", text, values: [runId] })).rows[0];
      return row ? { seq: row.seq, type: eventType(row.type) } : null;
    },
  };
}

interface EventRow {
  run_id: string;
  seq: number;
  type: string;
  step_id: string | null;
  payload: string;
  at: Date;
}
