import { afterAll, describe, expect, it } from "vitest";
import { createEngine, type RunEvent, type RunEventType, type RunRow, type RunStore } from "../../engine/index";
import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { createBothStores } from "../testing/both-stores";
import { RunEventFeed, type RunEventSubscription } from "./run-event-feed";
import { pgRunEventSource, prismaRunEventSource, type RunCursor, type RunEventSource } from "./run-event-source";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

// The store plays "another process": it writes events that no engine in this feed's process made.
interface Target {
  store: RunStore;
  db: Db;
  /** Where the feed reads: Prisma, or on PostgreSQL the `pg` source the server uses there. */
  source: RunEventSource;
}

const { sqlite, postgres } = await createBothStores();
const targets: Target[] = [];
// Registered after the databases' clean-up, so it runs before it (after-hooks run in reverse).
afterAll(async () => {
  for (const target of targets) {
    await target.db.$disconnect();
    await target.store.close();
  }
});

async function open(provider: "sqlite" | "postgres", reader: "prisma" | "pg"): Promise<Target> {
  const opened =
    provider === "sqlite"
      ? { store: SqliteRunStore.open(sqlite.filename), db: createPrismaClient({ provider, filename: sqlite.filename, url: sqlite.url }) }
      : { store: await PgRunStore.open(postgres!.url), db: createPrismaClient({ provider, url: postgres!.url }) };
  const target = { ...opened, source: reader === "pg" ? pgRunEventSource((opened.store as PgRunStore).pool) : prismaRunEventSource(opened.db) };
  targets.push(target);
  return target;
}

/** Counts the source's reads and the cursors in each, to see one query per tick. */
function countingSource(inner: RunEventSource) {
  const reads: RunCursor[][] = [];
  const source: RunEventSource = {
    read: (cursors, limit) => {
      reads.push([...cursors]);
      return inner.read(cursors, limit);
    },
    last: (runId) => inner.last(runId),
  };
  return { source, reads };
}

/** Appends events to a run as another process would: straight into the store. */
function writer(store: RunStore) {
  const seqs = new Map<string, number>();
  return {
    async create(runId: string): Promise<void> {
      await store.commit([{ run: runRow(runId), steps: [], events: [] }]);
      seqs.set(runId, 0);
    },
    async append(runId: string, ...types: RunEventType[]): Promise<void> {
      const events = types.map((type) => {
        const seq = seqs.get(runId)! + 1;
        seqs.set(runId, seq);
        return { runId, seq, type, stepId: null, payload: { n: seq }, at: new Date() } satisfies RunEvent;
      });
      await store.commit([{ steps: [], events }]);
    },
  };
}

/** Collects what a subscription delivers; `until` waits for a count. */
function collect(subscription: RunEventSubscription) {
  const seqs: number[] = [];
  const done = (async () => {
    for await (const batch of subscription) seqs.push(...batch.map((event) => event.seq));
  })();
  const until = async (count: number, withinMs = 5_000) => {
    const deadline = Date.now() + withinMs;
    while (seqs.length < count && Date.now() < deadline) await sleep(5);
    return seqs;
  };
  return { seqs, done, until };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  { provider: "sqlite" as const, reader: "prisma" as const, skip: false },
  { provider: "postgres" as const, reader: "prisma" as const, skip: !postgres },
  { provider: "postgres" as const, reader: "pg" as const, skip: !postgres },
])("RunEventFeed on $provider read through $reader", ({ provider, reader, skip }) => {
  it.skipIf(skip)("delivers events another process commits, by polling, in order, starting after the run's last event", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const runId = `feed-${crypto.randomUUID()}`;
    await write.create(runId);
    await write.append(runId, "run.started", "step.queued");
    const feed = new RunEventFeed({ source: eventSource, pollMs: 20 });
    try {
      const subscription = await feed.subscribe(runId);
      const got = collect(subscription);
      await write.append(runId, "step.started", "step.completed");
      await write.append(runId, "run.completed");
      expect(await got.until(3)).toEqual([3, 4, 5]);
      // What predates the subscription is the subscriber's backfill, straight from the database.
      expect((await feed.read(runId, 0, 10)).map((event) => [event.seq, event.type, event.payload])).toEqual([
        [1, "run.started", { n: 1 }],
        [2, "step.queued", { n: 2 }],
        [3, "step.started", { n: 3 }],
        [4, "step.completed", { n: 4 }],
        [5, "run.completed", { n: 5 }],
      ]);
      subscription.close();
      await got.done;
      expect(feed.watchedRuns).toBe(0);
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("fromStart: delivers a run's events from its first, those committed before the subscription too, read with the other runs due and without asking where the run stands", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const [early, late, watched] = [0, 1, 2].map(() => `feed-${crypto.randomUUID()}`) as [string, string, string];
    for (const runId of [early, late, watched]) await write.create(runId);
    await write.append(early, "run.started", "step.queued");
    await write.append(watched, "run.started");
    let lasts = 0;
    const { source: counting, reads } = countingSource(eventSource);
    const source: RunEventSource = { read: counting.read, last: (runId) => (lasts++, counting.last(runId)) };
    // No poll within the test: what arrives came from the first read or a wake.
    const feed = new RunEventFeed({ source, pollMs: 60_000 });
    try {
      const plain = collect(await feed.subscribe(watched));
      expect(lasts).toBe(1);
      const [fromEarly, fromLate] = await Promise.all([feed.subscribe(early, undefined, { fromStart: true }), feed.subscribe(late, undefined, { fromStart: true })]);
      // A run watched already starts where its watch stands: not from its first event.
      const alreadyWatched = await feed.subscribe(watched, undefined, { fromStart: true });
      expect([fromEarly.fromStart, fromLate.fromStart, alreadyWatched.fromStart]).toEqual([true, true, false]);
      expect(lasts).toBe(1);
      const [gotEarly, gotLate] = [collect(fromEarly), collect(fromLate)];
      expect(await gotEarly.until(2, 2_000)).toEqual([1, 2]);
      expect(reads.some((cursors) => cursors.length === 2 && cursors.every((cursor) => cursor.afterSeq === 0))).toBe(true);
      await write.append(late, "run.started");
      feed.wake([late]);
      expect(await gotLate.until(1, 2_000)).toEqual([1]);
      expect(plain.seqs).toEqual([]);
      alreadyWatched.close();
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("reads every watched run in one query per tick and fans out to every subscriber", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const runIds = [0, 1, 2].map(() => `feed-${crypto.randomUUID()}`);
    for (const runId of runIds) await write.create(runId);
    const { source, reads } = countingSource(eventSource);
    const feed = new RunEventFeed({ source, pollMs: 30 });
    try {
      const first = collect(await feed.subscribe(runIds[0]!));
      const second = collect(await feed.subscribe(runIds[0]!));
      const others = await Promise.all(runIds.slice(1).map(async (runId) => collect(await feed.subscribe(runId))));
      for (const runId of runIds) await write.append(runId, "run.started", "step.queued");
      expect(await first.until(2)).toEqual([1, 2]);
      expect(await second.until(2)).toEqual([1, 2]);
      for (const other of others) expect(await other.until(2)).toEqual([1, 2]);
      expect(reads.some((cursors) => cursors.length === 3)).toBe(true);
      expect(reads.every((cursors) => new Set(cursors.map((cursor) => cursor.runId)).size === cursors.length)).toBe(true);
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("reads only the woken runs on a wake, so a commit's wait does not grow with the runs watched", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const runIds = [0, 1, 2, 3].map(() => `feed-${crypto.randomUUID()}`);
    for (const runId of runIds) await write.create(runId);
    const { source, reads } = countingSource(eventSource);
    // No poll within the test: only wakes read.
    const feed = new RunEventFeed({ source, pollMs: 60_000 });
    try {
      const got = await Promise.all(runIds.map(async (runId) => collect(await feed.subscribe(runId))));
      const before = reads.length;
      await write.append(runIds[1]!, "run.started");
      await write.append(runIds[3]!, "run.started", "step.queued");
      feed.wake([runIds[1]!, runIds[3]!]);
      expect(await got[1]!.until(1, 2_000)).toEqual([1]);
      expect(await got[3]!.until(2, 2_000)).toEqual([1, 2]);
      expect(reads.slice(before).map((cursors) => cursors.map((cursor) => cursor.runId).sort())).toEqual([[runIds[1]!, runIds[3]!].sort()]);
      // An event of an unwoken run waits for the poll (another process's commit).
      await write.append(runIds[0]!, "run.started");
      await sleep(100);
      expect(got[0]!.seqs).toEqual([]);
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("wakes at once on an in-process engine's commit, without waiting for the poll", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const engine = createEngine({ store });
    // A poll this slow never fires during the test: only the engine's notification can deliver.
    const feed = new RunEventFeed({ source: eventSource, pollMs: 60_000 });
    const unfollow = feed.follow(engine);
    try {
      const definition = { format: "orka/v1", name: "gate", steps: [{ id: "gate", type: "approval", config: {} }], edges: [] };
      const { runId } = await engine.startRun({ definition });
      await engine.waitForRun(runId);
      const before = (await feed.read(runId, 0, 100)).length;
      const got = collect(await feed.subscribe(runId));
      await engine.approveStep(runId, "gate", {}, { by: "ann" });
      await engine.waitForRun(runId);
      const all = await feed.read(runId, 0, 100);
      expect(await got.until(all.length - before, 2_000)).toEqual(all.slice(before).map((event) => event.seq));
      expect(all.at(-1)!.type).toBe("run.completed");
    } finally {
      unfollow();
      feed.close();
      await engine.stop();
    }
  });

  it.skipIf(skip)("stops reading a completed run and a failed one, until a wake shows the failed one resumed", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const [done, failed] = [`feed-${crypto.randomUUID()}`, `feed-${crypto.randomUUID()}`];
    for (const runId of [done, failed]) await write.create(runId);
    await write.append(done, "run.started", "run.completed");
    await write.append(failed, "run.started", "run.failed");
    const { source, reads } = countingSource(eventSource);
    // Failed runs are read once a minute here: within the test only a wake reads them.
    const feed = new RunEventFeed({ source, pollMs: 10, failedPollMs: 60_000 });
    const readsOf = (runId: string) => reads.flat().filter((cursor) => cursor.runId === runId).length;
    try {
      await feed.subscribe(done);
      const resumed = collect(await feed.subscribe(failed));
      await sleep(100);
      expect([readsOf(done), readsOf(failed)]).toEqual([0, 0]);
      await write.append(failed, "run.resumed", "step.queued");
      feed.wake([failed]); // what the engine's commit notification does in-process
      expect(await resumed.until(2, 2_000)).toEqual([3, 4]);
      // Running again: read at the fast interval from now on.
      const deadline = Date.now() + 2_000;
      while (readsOf(failed) < 4 && Date.now() < deadline) await sleep(10);
      expect(readsOf(failed)).toBeGreaterThanOrEqual(4);
      expect(readsOf(done)).toBe(0);
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("still reads a failed run now and then, so a resumption in another process streams", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const runId = `feed-${crypto.randomUUID()}`;
    await write.create(runId);
    await write.append(runId, "run.started", "run.failed");
    const feed = new RunEventFeed({ source: eventSource, pollMs: 10, failedPollMs: 100 });
    try {
      const resumed = collect(await feed.subscribe(runId));
      await write.append(runId, "run.resumed");
      expect(await resumed.until(1, 3_000)).toEqual([3]);
    } finally {
      feed.close();
    }
  });

  it.skipIf(skip)("ends a subscription when its signal aborts, and forgets the run when nobody listens", async () => {
    const { store, source: eventSource } = await open(provider, reader);
    const write = writer(store);
    const runId = `feed-${crypto.randomUUID()}`;
    await write.create(runId);
    const feed = new RunEventFeed({ source: eventSource, pollMs: 10 });
    try {
      const controller = new AbortController();
      const got = collect(await feed.subscribe(runId, controller.signal));
      expect(feed.watchedRuns).toBe(1);
      controller.abort();
      await got.done;
      expect(feed.watchedRuns).toBe(0);
    } finally {
      feed.close();
    }
  });
});

function runRow(id: string): RunRow {
  const at = new Date();
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null, parentIndex: null,
    rootRunId: id, depth: 0, status: "running", definition: {}, input: {}, output: null, error: null, vars: {}, createdAt: at, startedAt: at, finishedAt: null, updatedAt: at,
  };
}
