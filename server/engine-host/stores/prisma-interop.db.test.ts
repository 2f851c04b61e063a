import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import type { RunRow, RunStore } from "../../../engine/ports/run-store";
import { PrismaClient as PostgresPrismaClient } from "../../../prisma/generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "../../../prisma/generated/sqlite/client";
import { createBothStores } from "../../testing/both-stores";
import { PgRunStore } from "./pg-run-store";
import { SqliteRunStore } from "./sqlite-run-store";

// The two generated clients do not unify in calls; the SQLite one types the portable subset.
type Prisma = Pick<SqlitePrismaClient, "run" | "stepRun" | "runEvent" | "$disconnect">;

interface Target {
  store: RunStore;
  prisma: Prisma;
  close(): Promise<void>;
}

const { sqlite, postgres } = await createBothStores();

function openSqliteTarget(): Target {
  const store = SqliteRunStore.open(sqlite.filename);
  const prisma = new SqlitePrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqlite.filename, timeout: 5000 }) });
  return { store, prisma, close: () => closeBoth(prisma, store) };
}

async function openPostgresTarget(): Promise<Target> {
  const store = await PgRunStore.open(postgres!.url);
  const client: unknown = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: postgres!.url }) });
  const prisma = client as Prisma;
  return { store, prisma, close: () => closeBoth(prisma, store) };
}

async function closeBoth(prisma: Prisma, store: RunStore): Promise<void> {
  await prisma.$disconnect();
  await store.close();
}

describe.each([
  { name: "SQLite", open: async () => openSqliteTarget(), skip: false },
  { name: "PostgreSQL", open: openPostgresTarget, skip: !postgres },
])("Prisma and the $name store read each other's rows", ({ open, skip }) => {
  it.skipIf(skip)("Prisma reads the instants, JSON text and order the store wrote", async () => {
    const target = await open();
    try {
      const run = runRow(`engine-${crypto.randomUUID()}`, new Date("2026-11-23T10:00:00.123Z"));
      const later = runRow(`engine-${crypto.randomUUID()}`, new Date("2026-11-23T10:00:00.124Z"));
      await target.store.commit([later, run].map((row) => ({ run: row, steps: [], events: [] })));
      await target.store.commit([{ steps: [step(run.id, run.createdAt)], events: [{ runId: run.id, seq: 1, type: "run.started", stepId: null, payload: { by: "engine" }, at: run.createdAt }] }]);

      const read = await target.prisma.run.findUnique({ where: { id: run.id }, include: { steps: true, events: true } });
      expect(read).toMatchObject({ createdAt: run.createdAt, output: JSON.stringify({ ok: "✓" }), startedAt: null });
      expect(read?.steps[0]?.wakeAt).toEqual(new Date("2026-11-23T10:05:00.000Z"));
      expect(read?.events[0]).toMatchObject({ at: run.createdAt, payload: '{"by":"engine"}' });
      const ids = [run.id, later.id];
      const ordered = await target.prisma.run.findMany({ where: { id: { in: ids }, createdAt: { gt: run.createdAt } }, orderBy: { createdAt: "desc" } });
      expect(ordered.map((row) => row.id)).toEqual([later.id]);
    } finally {
      await target.close();
    }
  });

  it.skipIf(skip)("the store reads the instants Prisma wrote", async () => {
    const target = await open();
    try {
      const id = `prisma-${crypto.randomUUID()}`;
      const createdAt = new Date("1999-12-31T23:59:59.999Z");
      await target.prisma.run.create({ data: { id, status: "running", definition: "{}", input: '{"a":1}', createdAt, updatedAt: createdAt } });
      const stored = await target.store.loadRun(id);
      expect(stored?.run).toMatchObject({ createdAt, updatedAt: createdAt, input: { a: 1 }, vars: {}, output: null });
    } finally {
      await target.close();
    }
  });
});

function runRow(id: string, createdAt: Date): RunRow {
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null,
    parentIndex: null, rootRunId: id, depth: 0, status: "completed", definition: {}, input: {}, output: { ok: "✓" }, error: null,
    vars: {}, createdAt, startedAt: null, finishedAt: createdAt, updatedAt: createdAt,
  };
}

function step(runId: string, at: Date) {
  return {
    runId, stepId: "a", status: "waiting" as const, attempt: 1, retryFrom: 0, interruptions: 0, branch: null, output: null,
    error: null, state: null, queuedAt: at, startedAt: at, finishedAt: null,
    wakeAt: new Date("2026-11-23T10:05:00.000Z"), updatedAt: at,
  };
}
