// Step transitions per second through each RunStore adapter (docs/architecture.md, "Stores: why the hot path bypasses the ORM").
// A transition = update one step row (completed) + append one event + upsert the next step (queued);
// a commit carries `batch` transitions of different runs, as the engine's group commit does.
// "SQLite :memory:" is the adapter's CPU cost alone (no disk, no WAL). "Per CPU-second" divides by
// this process's CPU time, so it stays meaningful on a busy machine (for PostgreSQL it leaves out
// the server's CPU).
// Run: npx tsx bench/store.bench.ts   (PostgreSQL part needs DATABASE_URL_PG or a local server)
import os from "node:os";
import type { RunMutation, RunRow, RunStore, StepRunRow } from "../engine/ports/run-store";
import { PgRunStore } from "../server/engine-host/stores/pg-run-store";
import { SqliteRunStore } from "../server/engine-host/stores/sqlite-run-store";
import { createPostgresTestDatabase } from "../server/testing/postgres-test-db";
import { createSqliteTestDatabase } from "../server/testing/sqlite-store-db";

interface Case {
  batch: number;
  transitions: number;
  /** Commits in flight at once (PostgreSQL pool). */
  concurrency: number;
}

const repetitions = 3;
/** Runs in flight per committer; a commit carries `batch` of their transitions. */
const activeRuns = 64;

function runRow(id: string, now: Date): RunRow {
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null,
    parentIndex: null, rootRunId: id, depth: 0, status: "running", definition: { format: "orka/v1" }, input: { n: 1 }, output: null,
    error: null, vars: {}, createdAt: now, startedAt: now, finishedAt: null, updatedAt: now,
  };
}

function stepRow(runId: string, index: number, status: "queued" | "completed", now: Date): StepRunRow {
  return {
    runId, stepId: `step-${index}`, status, attempt: status === "queued" ? 0 : 1, retryFrom: 0, interruptions: 0, branch: null,
    output: status === "completed" ? { ok: true, index } : null, error: null, state: null,
    queuedAt: now, startedAt: status === "completed" ? now : null, finishedAt: status === "completed" ? now : null,
    wakeAt: null, updatedAt: now,
  };
}

/** Transition `k` advances run `k % runs` by one step: step `round` completes, `round + 1` is queued. */
function transition(runIds: readonly string[], k: number, now: Date): RunMutation {
  const runId = runIds[k % runIds.length]!;
  const round = Math.floor(k / runIds.length);
  return {
    steps: [stepRow(runId, round, "completed", now), stepRow(runId, round + 1, "queued", now)],
    events: [{ runId, seq: round + 1, type: "step.completed", stepId: `step-${round}`, payload: { attempt: 1 }, at: now }],
  };
}

async function seedRuns(store: RunStore, count: number): Promise<string[]> {
  const now = new Date();
  const runs = Array.from({ length: count }, () => runRow(crypto.randomUUID(), now));
  await store.commit(runs.map((run) => ({ run, steps: [stepRow(run.id, 0, "queued", now)], events: [] })));
  return runs.map((run) => run.id);
}

/**
 * One committer advancing its own `activeRuns` runs round-robin, `batch` transitions per commit,
 * so batch sizes differ only in grouping and concurrent committers never touch the same rows.
 */
async function committer(store: RunStore, batch: number, total: number): Promise<void> {
  const runIds = await seedRuns(store, activeRuns);
  for (let k = 0; k < total; k += batch) {
    const now = new Date();
    await store.commit(Array.from({ length: batch }, (_, i) => transition(runIds, k + i, now)));
  }
}

interface Rate {
  /** Transitions per wall-clock second. */
  wall: number;
  /** Transitions per CPU-second of this process: what other load on the machine cannot slow. */
  cpu: number;
}

async function measure(store: RunStore, { batch, transitions: total, concurrency }: Case): Promise<Rate> {
  const perCommitter = Math.ceil(total / concurrency / batch) * batch;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, () => committer(store, batch, perCommitter)));
  const { user, system } = process.cpuUsage(cpuBefore);
  const transitions = perCommitter * concurrency;
  return { wall: transitions / ((performance.now() - started) / 1000), cpu: transitions / ((user + system) / 1e6) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (value: number) => Math.round(value).toLocaleString("en").padStart(8);

async function report(label: string, store: RunStore, cases: Case[]): Promise<void> {
  for (const one of cases) {
    const rates: Rate[] = [];
    for (let i = 0; i < repetitions; i++) rates.push(await measure(store, one));
    const wall = rates.map((rate) => rate.wall);
    const shape = `batch ${String(one.batch).padStart(2)}${one.concurrency > 1 ? ` × ${one.concurrency} concurrent` : ""}`;
    console.log(
      `${label.padEnd(16)} ${shape.padEnd(24)} ${format(median(wall))} transitions/s ` +
        `(runs ${wall.map(Math.round).join(" / ")}); ${format(median(rates.map((rate) => rate.cpu)))} per CPU-second of this process`,
    );
  }
}

const sqliteCases = [1, 8, 64].map((batch) => ({ batch, transitions: 20_000, concurrency: 1 }));

async function benchSqlite(): Promise<void> {
  const database = createSqliteTestDatabase();
  const store = SqliteRunStore.open(database.filename);
  try {
    await report("SQLite", store, sqliteCases);
  } finally {
    await store.close();
    database.cleanup();
  }
}

async function benchSqliteInMemory(): Promise<void> {
  const store = SqliteRunStore.open(":memory:");
  await report("SQLite :memory:", store, sqliteCases.slice(-1));
  await store.close();
}

async function benchPostgres(): Promise<void> {
  const database = await createPostgresTestDatabase();
  if (!database) return;
  const store = await PgRunStore.open(database.url);
  try {
    const cases = [
      { batch: 1, transitions: 1_000, concurrency: 1 },
      { batch: 8, transitions: 8_000, concurrency: 1 },
      { batch: 8, transitions: 8_000, concurrency: 8 },
      { batch: 64, transitions: 20_000, concurrency: 1 },
      { batch: 64, transitions: 40_000, concurrency: 4 },
    ];
    await report("PostgreSQL", store, cases);
    // What the run-event NOTIFY costs: PostgreSQL serialises the commits of notifying transactions.
    await store.pool.query("ALTER TABLE run_events DISABLE TRIGGER run_events_notify");
    await report("PG, no NOTIFY", store, cases);
  } finally {
    await store.close();
    await database.drop();
  }
}

console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores: other load lowers the wall-clock figures`);
await benchSqlite();
await benchSqliteInMemory();
await benchPostgres();
