// Events across processes on PostgreSQL: every commit that writes run events NOTIFYs, the feed
// LISTENs on its own connection. The feeds here poll once every 10 minutes, so whatever arrives
// within a test arrived by NOTIFY (or by the backfill a reconnect makes), not by polling.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent, RunEventType, RunRow } from "../../engine/index";
import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { createScratchFolder, startOrka, writeDefinitionFile } from "../testing/killed-process";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { PgRunEventListener, runEventsChannel } from "./pg-run-event-listener";
import { RunEventFeed, type RunEventSubscription } from "./run-event-feed";
import { prismaRunEventSource } from "./run-event-source";
import { PgRunStore } from "./stores/pg-run-store";
import { waitForRunThroughEvents } from "./wait-for-run-through-events";

const database = await createPostgresTestDatabase();
const folder = createScratchFolder("orka-notify-test-");
const noPoll = 600_000;

let store: PgRunStore;
let db: Db;
const feeds: RunEventFeed[] = [];
if (database) {
  store = await PgRunStore.open(database.url);
  db = createPrismaClient({ provider: "postgres", url: database.url });
}
// Registered after the database's clean-up, so it runs before it (after-hooks run in reverse).
afterAll(async () => {
  for (const feed of feeds) {
    feed.close();
    await feed.stopped;
  }
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

function listeningFeed(): { feed: RunEventFeed; listener: PgRunEventListener } {
  const listener = new PgRunEventListener({ url: database!.url, reconnectMs: 50 });
  const feed = new RunEventFeed({ source: prismaRunEventSource(db), wakeups: listener, pollMs: noPoll });
  feeds.push(feed);
  return { feed, listener };
}

/** Collects what a subscription delivers; `until` waits for a count. */
function collect(subscription: RunEventSubscription) {
  const events: RunEvent[] = [];
  const done = (async () => {
    for await (const batch of subscription) events.push(...batch);
  })();
  const until = async (count: number, withinMs = 20_000) => {
    const deadline = Date.now() + withinMs;
    while (events.length < count && Date.now() < deadline) await sleep(5);
    return events.map((event) => event.seq);
  };
  return { events, done, until };
}

/** Appends events straight into the store, as an engine of another process would. */
function writer() {
  const seqs = new Map<string, number>();
  return {
    async create(...runIds: string[]): Promise<void> {
      await store.commit(runIds.map((runId) => ({ run: runRow(runId), steps: [], events: [] })));
      for (const runId of runIds) seqs.set(runId, 0);
    },
    /** One commit: `count` events for each run. */
    async append(runIds: string[], count = 1): Promise<void> {
      const events = runIds.flatMap((runId) =>
        Array.from({ length: count }, () => {
          const seq = seqs.get(runId)! + 1;
          seqs.set(runId, seq);
          return { runId, seq, type: "step.queued" as RunEventType, stepId: null, payload: {}, at: new Date() } satisfies RunEvent;
        }),
      );
      await store.commit([{ steps: [], events }]);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!database)("run events across processes by LISTEN/NOTIFY", () => {
  it("streams a run that another process executes, with no polling", { timeout: 90_000 }, async () => {
    const { feed, listener } = listeningFeed();
    const file = writeDefinitionFile(folder, "paced", {
      format: "orka/v1",
      name: "paced",
      steps: [
        { id: "first", type: "noop" },
        { id: "pause", type: "delay", config: { ms: 1_500 } },
        { id: "last", type: "noop" },
      ],
      edges: [
        { from: "first", to: "pause" },
        { from: "pause", to: "last" },
      ],
    });
    const child = startOrka(["run", file, "--db", database!.url]);
    const runId = await child.runId;
    const live = collect(await feed.subscribe(runId));
    await listener.whenListening();
    const backfill = await feed.read(runId, 0, 1_000);

    const exit = await child.exited;
    expect(exit.code, exit.stderr).toBe(0);
    const all = await store.listEvents(runId, 0);
    expect(all.at(-1)!.type).toBe("run.completed");
    const lastBackfilled = backfill.at(-1)?.seq ?? 0;
    await live.until(all.length - lastBackfilled);
    // The events after the subscription arrived live, every one once, in order; the delay's end
    // and the run's completion (committed after it) among them.
    const liveSeqs = live.events.map((event) => event.seq).filter((seq) => seq > lastBackfilled);
    expect([...backfill.map((event) => event.seq), ...liveSeqs]).toEqual(all.map((event) => event.seq));
    expect(live.events.map((event) => event.type)).toContain("run.completed");
    expect(live.events.filter((event) => event.stepId === "last").length).toBeGreaterThan(0);
  });

  it("waits for a run executed by another process through its events", { timeout: 90_000 }, async () => {
    const { feed } = listeningFeed();
    const file = writeDefinitionFile(folder, "waited", {
      format: "orka/v1",
      name: "waited",
      steps: [
        { id: "pause", type: "delay", config: { ms: 1_000 } },
        { id: "answer", type: "code", config: { source: "return 42" } },
      ],
      edges: [{ from: "pause", to: "answer" }],
    });
    const child = startOrka(["run", file, "--db", database!.url]);
    const runId = await child.runId;
    const settled = await waitForRunThroughEvents(runId, { store, feed });
    expect(settled.run.status).toBe("completed");
    expect(settled.steps.find((step) => step.stepId === "answer")).toMatchObject({ status: "completed", output: 42 });
    expect((await child.exited).code).toBe(0);
    await expect(waitForRunThroughEvents(`missing-${crypto.randomUUID()}`, { store, feed })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gets every event once, in order, when its listening connection is terminated mid-run", { timeout: 60_000 }, async () => {
    const { feed, listener } = listeningFeed();
    const write = writer();
    const runId = `notify-${crypto.randomUUID()}`;
    await write.create(runId);
    const got = collect(await feed.subscribe(runId));
    await listener.whenListening();
    await write.append([runId], 3);
    expect(await got.until(3)).toEqual([1, 2, 3]);

    const admin = new pg.Client({ connectionString: database!.url });
    await admin.connect();
    try {
      const killedPid = listener.backendPid!;
      expect((await admin.query("SELECT pg_terminate_backend($1) AS ok", [killedPid])).rows[0].ok).toBe(true);
      // Committed while (most likely) nobody listens: no notification reaches this feed.
      await write.append([runId], 2);
      await write.append([runId], 1);
      await listener.whenListening();
      expect(listener.backendPid).not.toBe(killedPid);
      expect(await got.until(6)).toEqual([1, 2, 3, 4, 5, 6]);
      // Listening again: new commits arrive by notification.
      await write.append([runId], 2);
      expect(await got.until(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      await sleep(200);
      expect(got.events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await admin.end();
    }
  });

  it("wakes every run of a commit whose run ids exceed one notification's 8000 bytes, and a run id that cannot be listed", { timeout: 60_000 }, async () => {
    const { feed, listener } = listeningFeed();
    const write = writer();
    // 150 ids of 100 characters: about 15 KB of ids, so at least two notifications.
    const runIds = Array.from({ length: 150 }, (_, i) => `notify-${String(i).padStart(3, "0")}-${"x".repeat(89)}`);
    const odd = `notify,${crypto.randomUUID()}`;
    await write.create(...runIds, odd);
    const got = await Promise.all([...runIds, odd].map(async (runId) => collect(await feed.subscribe(runId))));
    await listener.whenListening();

    const heard: string[] = [];
    const spy = new pg.Client({ connectionString: database!.url });
    await spy.connect();
    spy.on("notification", (message) => heard.push(message.payload ?? ""));
    await spy.query(`LISTEN ${runEventsChannel}`);
    try {
      await write.append([...runIds, odd]);
      for (const one of got) expect(await one.until(1)).toEqual([1]);
      await sleep(100);
      expect(heard.length).toBeGreaterThanOrEqual(3);
      expect(heard).toContain("*");
      for (const payload of heard) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
      expect(new Set(heard.filter((payload) => payload !== "*").flatMap((payload) => payload.split(",")))).toEqual(new Set(runIds));
    } finally {
      await spy.end();
    }
  });

  it("sends nothing for a commit that rolls back", async () => {
    const spy = new pg.Client({ connectionString: database!.url });
    await spy.connect();
    const heard: string[] = [];
    spy.on("notification", (message) => heard.push(message.payload ?? ""));
    await spy.query(`LISTEN ${runEventsChannel}`);
    const runId = `notify-${crypto.randomUUID()}`;
    await writer().create(runId);
    // An event of a run that does not exist: the foreign key fails the whole statement.
    const orphan = { runId: `missing-${crypto.randomUUID()}`, seq: 1, type: "step.queued" as RunEventType, stepId: null, payload: {}, at: new Date() };
    await expect(store.commit([{ steps: [], events: [{ ...orphan }, { ...orphan, runId, seq: 1 }] }])).rejects.toThrow();
    await store.commit([{ steps: [], events: [{ ...orphan, runId, seq: 1 }] }]);
    const deadline = Date.now() + 5_000;
    while (heard.length === 0 && Date.now() < deadline) await sleep(10);
    await sleep(100);
    await spy.end();
    expect(heard).toEqual([runId]);
  });
});

function runRow(id: string): RunRow {
  const at = new Date();
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null, parentIndex: null,
    rootRunId: id, depth: 0, status: "running", definition: {}, input: {}, output: null, error: null, vars: {}, createdAt: at, startedAt: at, finishedAt: null, updatedAt: at,
  };
}
