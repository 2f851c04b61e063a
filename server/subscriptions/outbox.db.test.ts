// The outbox on each database: which committed events become outbox rows. PostgreSQL writes them
// with a trigger on run_events, SQLite's run store with `publishedEventOf`: the two must agree.
import { describe, expect, it } from "vitest";
import { runEventTypes, type RunEvent } from "../../engine/definition/run-events";
import { createPrismaClient } from "../db/create-prisma-client";
import { createBothStores } from "../testing/both-stores";

const { sqlite, postgres, databases } = await createBothStores();
const at = new Date("2026-12-06T17:00:00.000Z");

describe.each(databases)("the event outbox on %s", (name, openStore) => {
  const db = name === "SQLite" ? createPrismaClient({ provider: "sqlite", filename: sqlite.filename, url: sqlite.url }) : createPrismaClient({ provider: "postgres", url: postgres!.url });

  /** Commits a run of `teamId` with one event of every type (and a `step.waiting` for a timer); resolves with its outbox rows. */
  async function outboxOf(runId: string, teamId: string | null) {
    const store = await openStore();
    try {
      const types = [...runEventTypes, "step.waiting"] as const;
      const events: RunEvent[] = types.map((type, index) => ({
        runId, seq: index + 1, type, stepId: type.startsWith("step.") ? "a" : null, at,
        payload: type === "step.waiting" ? { reason: index === types.length - 1 ? "delay" : "approval" } : {},
      }));
      await store.commit([{ run: runRow(runId, teamId), steps: [], events }]);
    } finally {
      await store.close();
    }
    const rows = await db.eventOutbox.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { event: true, createdAt: true } });
    return rows.map((row) => [row.event, row.createdAt.toISOString()]);
  }

  it("holds the published events of a run whose team has a subscription, in the commit's transaction", async () => {
    const team = await db.team.create({ data: { name: "listening", slug: `listening-${name}` }, select: { id: true } });
    await db.eventSubscription.create({ data: { teamId: team.id, url: "http://127.0.0.1:9/", events: '["run.completed"]', secretCiphertext: "", secretKeyId: "" } });
    const published = ["run.completed", "run.failed", "run.cancelled", "step.waiting_for_approval", "step.failed"]; // in seq order
    expect(await outboxOf(`listened-${name}`, team.id)).toEqual(published.map((event) => [event, at.toISOString()]));
  });

  it("holds nothing for a team without a subscription, nor for a run of no team", async () => {
    const team = await db.team.create({ data: { name: "quiet", slug: `quiet-${name}` }, select: { id: true } });
    expect(await outboxOf(`unheard-${name}`, team.id)).toEqual([]);
    expect(await outboxOf(`teamless-${name}`, null)).toEqual([]);
  });
});

function runRow(id: string, teamId: string | null) {
  return {
    id, teamId, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null,
    parentIndex: null, rootRunId: id, depth: 0, status: "running" as const, definition: {}, input: {}, output: null, error: null,
    vars: {}, createdAt: at, startedAt: at, finishedAt: null, updatedAt: at,
  };
}
