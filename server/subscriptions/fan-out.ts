import "server-only";
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { PublishedEvent } from "@/engine/index";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { deliveryPayload, type DeliveryPayload } from "./payload";

/** What the fan-out reads and writes (the client, or a transaction of it). */
type Tx = Pick<Db, "eventOutbox" | "eventSubscription" | "eventDelivery" | "run" | "stepRun" | "runEvent" | "$queryRaw">;

type OutboxRow = { runId: string; seq: number; event: string; createdAt: Date };
type NewDelivery = { subscriptionId: string; teamId: string; eventId: string; event: string; runId: string; payload: string; status: string; nextAttemptAt: Date; createdAt: Date };

export interface FanOutOptions {
  provider: DbProvider;
  limit?: number;
  now?: Date;
}

/**
 * Turns up to `limit` outbox rows into deliveries, one per subscription of the run's team that
 * asked for the event, and deletes the rows. Resolves with the rows this call consumed.
 *
 * On PostgreSQL (any number of processes) all of it is one transaction that first claims the
 * rows (`FOR UPDATE SKIP LOCKED`): processes fanning out at once take disjoint rows, and one that
 * dies mid-way releases its rows with its transaction. On SQLite (one process) only the writes
 * are a transaction: the engine's store writes the same file synchronously, and a transaction
 * holding the write lock across reads would stall it. Either way a delivery is unique per
 * (subscription, event id), and rows already fanned out are not counted again.
 */
export async function fanOutOutbox(db: Db, { provider, limit = 200, now = new Date() }: FanOutOptions): Promise<number> {
  if (provider === "postgres") {
    return db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT run_id AS "runId", seq, event, created_at AS "createdAt" FROM event_outbox
          ORDER BY created_at, run_id, seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
        return rows.length === 0 ? 0 : writeDeliveries(tx, rows, await deliveriesOf(tx, rows, now));
      },
      { timeout: 30_000 },
    );
  }
  const rows = await db.eventOutbox.findMany({ orderBy: [{ createdAt: "asc" }, { runId: "asc" }, { seq: "asc" }], take: limit, select: { runId: true, seq: true, event: true, createdAt: true } });
  if (rows.length === 0) return 0;
  const deliveries = await deliveriesOf(db, rows, now);
  return db.$transaction((tx) => writeDeliveries(tx, rows, deliveries));
}

/** One delivery per subscription of the run's team that asked for the event. */
async function deliveriesOf(db: Tx, rows: OutboxRow[], now: Date): Promise<NewDelivery[]> {
  // Read after the rows, as the subscriptions below are: a row is dropped only when nobody subscribed once it existed.
  if (!(await db.eventSubscription.findFirst({ select: { id: true } }))) return [];
  const runIds = [...new Set(rows.map((row) => row.runId))];
  const runs = await db.run.findMany({
    where: { id: { in: runIds }, teamId: { not: null } },
    select: {
      id: true,
      teamId: true,
      workflowId: true,
      status: true,
      definition: true,
      parentRunId: true,
      startedAt: true,
      finishedAt: true,
      workflowVersion: { select: { number: true } },
    },
  });
  const teamIds = [...new Set(runs.map((run) => run.teamId!))];
  const subscriptions = teamIds.length ? await db.eventSubscription.findMany({ where: { teamId: { in: teamIds } }, select: { id: true, teamId: true, events: true } }) : [];
  const wanted = subscriptions.map((subscription) => ({ ...subscription, events: new Set(JSON.parse(subscription.events) as string[]) }));
  const matching = rows.filter((row) => wanted.some((subscription) => subscription.events.has(row.event)));
  const payloads = matching.length ? await payloadsOf(db, matching, runs) : new Map<string, DeliveryPayload>();

  const deliveries: NewDelivery[] = [];
  for (const row of matching) {
    const payload = payloads.get(eventIdOf(row));
    if (!payload) continue;
    for (const subscription of wanted) {
      if (subscription.teamId !== payload.teamId || !subscription.events.has(row.event)) continue;
      deliveries.push({
        subscriptionId: subscription.id,
        teamId: subscription.teamId,
        eventId: payload.body.id,
        event: row.event,
        runId: row.runId,
        payload: JSON.stringify(payload.body),
        status: "pending",
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  return deliveries;
}

/** Inserts the deliveries not made yet and deletes the rows; resolves with the rows deleted. */
async function writeDeliveries(db: Pick<Db, "eventDelivery" | "$executeRaw">, rows: OutboxRow[], deliveries: NewDelivery[]): Promise<number> {
  if (deliveries.length > 0) {
    const existing = await db.eventDelivery.findMany({ where: { eventId: { in: [...new Set(deliveries.map((delivery) => delivery.eventId))] } }, select: { subscriptionId: true, eventId: true } });
    const made = new Set(existing.map((delivery) => `${delivery.subscriptionId} ${delivery.eventId}`));
    const fresh = deliveries.filter((delivery) => !made.has(`${delivery.subscriptionId} ${delivery.eventId}`));
    if (fresh.length > 0) await db.eventDelivery.createMany({ data: fresh });
  }
  return deleteOutboxRows(db, rows);
}

/**
 * One plain statement: Prisma's `deleteMany` with an `OR` of key pairs cost ~10× as much CPU (its
 * query compiler), on every publishing turn of a busy server.
 */
function deleteOutboxRows(db: Pick<Db, "$executeRaw">, rows: readonly Pick<OutboxRow, "runId" | "seq">[]): Promise<number> {
  const keys = join(rows.map(({ runId, seq }) => sql`(run_id = ${runId} AND seq = ${seq})`), " OR ");
  return db.$executeRaw`DELETE FROM event_outbox WHERE ${keys}`;
}

/** The stable id receivers deduplicate on: the run and the event's `seq` in it. */
export const eventIdOf = (row: { runId: string; seq: number }) => `${row.runId}.${row.seq}`;

async function payloadsOf(db: Tx, rows: OutboxRow[], runs: Parameters<typeof deliveryPayload>[0]["run"][]) {
  const runIds = [...new Set(rows.map((row) => row.runId))];
  const [stepCounts, events] = await Promise.all([
    db.stepRun.groupBy({ by: ["runId", "status"], where: { runId: { in: runIds } }, _count: { _all: true } }),
    db.runEvent.findMany({ where: { OR: rows.map(({ runId, seq }) => ({ runId, seq })) }, select: { runId: true, seq: true, stepId: true, payload: true } }),
  ]);
  const runById = new Map(runs.map((run) => [run.id, run]));
  const eventById = new Map(events.map((event) => [eventIdOf(event), event]));
  const payloads = new Map<string, DeliveryPayload>();
  for (const row of rows) {
    const run = runById.get(row.runId);
    const event = eventById.get(eventIdOf(row));
    if (!run || !event) continue;
    const steps: Record<string, number> = {};
    for (const count of stepCounts) if (count.runId === row.runId) steps[count.status] = count._count._all;
    payloads.set(eventIdOf(row), deliveryPayload({ row: { ...row, event: row.event as PublishedEvent }, run, event, steps }));
  }
  return payloads;
}
