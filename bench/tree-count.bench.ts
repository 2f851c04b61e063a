// What counting the runs of one run tree costs (the tree-size limit, engine/runtime/run-trees.ts):
// `countTreeRuns` is an indexed COUNT(*) on runs.root_run_id. Measured for trees of 1,000 to 50,000
// runs among 100,000 runs of other trees; the engine counts a tree once when it first loads one of
// its runs, then keeps the number in memory while any run of the tree is there.
// Run: npx tsx bench/tree-count.bench.ts   (PostgreSQL part needs DATABASE_URL_PG or a local server)
import type { RunRow, RunStore } from "../engine/ports/run-store";
import { PgRunStore } from "../server/engine-host/stores/pg-run-store";
import { SqliteRunStore } from "../server/engine-host/stores/sqlite-run-store";
import { createPostgresTestDatabase } from "../server/testing/postgres-test-db";
import { createSqliteTestDatabase } from "../server/testing/sqlite-store-db";

const treeSizes = [1_000, 10_000, 50_000];
const otherRuns = 100_000;
const repetitions = 20;

function runRow(id: string, rootRunId: string, now: Date): RunRow {
  const top = id === rootRunId;
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: top ? null : rootRunId, parentStepId: top ? null : "each",
    parentIndex: null, rootRunId, depth: top ? 0 : 1, status: "completed", definition: { format: "orka/v1" }, input: {}, output: null,
    error: null, vars: {}, createdAt: now, startedAt: now, finishedAt: now, updatedAt: now,
  };
}

async function seedTree(store: RunStore, size: number): Promise<string> {
  const now = new Date();
  const rootRunId = crypto.randomUUID();
  const ids = [rootRunId, ...Array.from({ length: size - 1 }, () => crypto.randomUUID())];
  for (let i = 0; i < ids.length; i += 1_000)
    await store.commit(ids.slice(i, i + 1_000).map((id) => ({ run: runRow(id, rootRunId, now), steps: [], events: [] })));
  return rootRunId;
}

async function report(label: string, store: RunStore): Promise<void> {
  for (let i = 0; i < otherRuns / 1_000; i++) await seedTree(store, 1_000);
  for (const size of treeSizes) {
    const root = await seedTree(store, size);
    const times: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const started = performance.now();
      const count = await store.countTreeRuns(root);
      times.push(performance.now() - started);
      if (count !== size) throw new Error(`counted ${count}, expected ${size}`);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(11)} tree of ${size.toLocaleString("en").padStart(6)} runs: median ${times[repetitions / 2]!.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
  }
}

const sqlite = createSqliteTestDatabase();
const sqliteStore = SqliteRunStore.open(sqlite.filename);
try {
  await report("SQLite", sqliteStore);
} finally {
  await sqliteStore.close();
  sqlite.cleanup();
}
const postgres = await createPostgresTestDatabase();
if (postgres) {
  const store = await PgRunStore.open(postgres.url);
  try {
    await report("PostgreSQL", store);
  } finally {
    await store.close();
    await postgres.drop();
  }
}
