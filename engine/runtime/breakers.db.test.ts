import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../server/db/sqlite";
import { PgRunStore } from "../../server/engine-host/stores/pg-run-store";
import { createBothStores } from "../../server/testing/both-stores";
import type { RunStore } from "../ports/run-store";
import { parseEgressAllowList } from "../steps/http/egress-policy";
import { localServer, type LocalServer } from "../steps/http/testing/local-servers";
import { createEngine, type Engine } from "./engine";
import { eventOf, workflow } from "./testing/engine-fixture";

// Circuit breakers per team and target: N failed attempts in a row open it; while open, steps
// through it wait (state `waiting`, "circuit open for <host>") instead of failing and without
// calling the target; after the cool-down one trial attempt closes it again (the waiting steps
// then run) or re-opens it. Its state is durable: a new engine on the same store sees it open.
const { sqlite, postgres, databases } = await createBothStores();

const teamIds = ["team_a", "team_b", "team_trial", "team_restart", "team_key", "team_off", "team_shared"];
const insertTeams = `INSERT INTO teams (id, name, slug) VALUES ${teamIds.map((id) => `('${id}', '${id}', '${id}')`).join(", ")}`;
const seeded = openSqlite(sqlite.filename);
seeded.exec(insertTeams);
seeded.close();
if (postgres) {
  const client = new pg.Client(postgres.url);
  await client.connect();
  await client.query(insertTeams);
  await client.end();
}

/** A server that answers 503 until `recover()` is called. */
async function switchableServer(): Promise<LocalServer & { recover(): void }> {
  const state = { healthy: false };
  const server = await localServer("127.0.0.1", (_request, response) => {
    if (state.healthy) response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    else response.writeHead(503).end("down");
  });
  return Object.assign(server, { recover: () => void (state.healthy = true) });
}

const call = (url: string, breaker: Record<string, unknown>, teamId?: string) => ({
  definition: workflow([{ id: "call", type: "http", config: { url }, breaker }]),
  ...(teamId && { teamId }),
});

describe.each(databases)("circuit breakers on %s", (_name, openStore) => {
  const engines: { engine: Engine; store: RunStore }[] = [];
  async function newEngine() {
    const store = await openStore();
    const engine = createEngine({ store, httpEgress: parseEgressAllowList("127.0.0.1") });
    await engine.start();
    engines.push({ engine, store });
    return { engine, store };
  }
  afterAll(async () => {
    for (const { engine, store } of engines) {
      await engine.stop();
      await store.close();
    }
  });

  it("opens after N failures, holds later steps without calling, and lets them run when a trial succeeds", { timeout: 30_000 }, async () => {
    const server = await switchableServer();
    const host = new URL(server.url).host;
    try {
      const { engine, store } = await newEngine();
      const breaker = { failures: 2, coolDownMs: 1500 };
      for (let i = 0; i < 2; i++) {
        const { runId } = await engine.startRun(call(server.url, breaker, "team_a"));
        expect((await engine.waitForRun(runId)).steps[0]).toMatchObject({ status: "failed", error: { kind: "transient" } });
      }
      const [open] = await store.listBreakers!();
      expect(open).toMatchObject({ teamId: "team_a", key: host, state: "open", lastError: `HTTP 503 from ${server.url}` });

      const held = await engine.startRun(call(server.url, breaker, "team_a"));
      const waiting = await eventOf(engine, held.runId, "step.waiting", "call");
      expect(waiting.payload).toMatchObject({ reason: "circuit open", breaker: host, waitingFor: `circuit open for ${host}` });
      expect(new Date(waiting.payload.wakeAt as string)).toEqual(open!.openUntil);
      expect((await engine.getRun(held.runId))!.steps[0]).toMatchObject({ status: "waiting", wakeAt: open!.openUntil });
      expect(server.received).toHaveLength(2); // the held step did not call

      // Another team's steps go through their own breaker.
      const other = await engine.startRun(call(server.url, breaker, "team_b"));
      expect((await engine.waitForRun(other.runId)).steps[0]).toMatchObject({ status: "failed" });

      server.recover();
      const finished = await engine.waitForRun(held.runId);
      expect(finished.run.status).toBe("completed");
      const events = (await engine.listEvents(held.runId)).filter((event) => event.stepId === "call");
      expect(events.map((event) => event.type)).toEqual(["step.queued", "step.started", "step.waiting", "step.queued", "step.started", "step.completed"]);
      expect(events.filter((event) => event.type === "step.started").map((event) => event.payload.attempt)).toEqual([1, 1]);
      expect(events[4]!.at.getTime()).toBeGreaterThanOrEqual(open!.openUntil!.getTime());
      expect((await store.listBreakers!()).find((row) => row.teamId === "team_a")).toMatchObject({ state: "closed", failures: 0 });
    } finally {
      await server.close();
    }
  });

  it("a failed trial opens it again; the other held steps wait for the next trial", { timeout: 30_000 }, async () => {
    const server = await switchableServer();
    try {
      const { engine } = await newEngine();
      const breaker = { failures: 1, coolDownMs: 800 };
      const first = await engine.startRun(call(server.url, breaker, "team_trial"));
      await engine.waitForRun(first.runId);
      const a = await engine.startRun(call(server.url, breaker, "team_trial"));
      const b = await engine.startRun(call(server.url, breaker, "team_trial"));
      await eventOf(engine, a.runId, "step.waiting", "call");
      await eventOf(engine, b.runId, "step.waiting", "call");
      // At the end of the cool-down one of them is the trial and fails (still 503); the other waits on.
      const trial = await Promise.race([a, b].map(({ runId }) => eventOf(engine, runId, "step.failed", "call").then(() => runId)));
      const survivor = trial === a.runId ? b.runId : a.runId;
      expect((await engine.listBreakers("team_trial"))[0]).toMatchObject({ state: "open" });
      expect((await engine.getRun(survivor))!.steps[0]!.status).toBe("waiting");
      server.recover();
      expect((await engine.waitForRun(survivor)).run.status).toBe("completed");
      expect(server.received).toHaveLength(3); // first, the failed trial, the successful one
    } finally {
      await server.close();
    }
  });

  it("stays open for a new engine on the same store, and an operator's reset runs the held step at once", { timeout: 30_000 }, async () => {
    const server = await switchableServer();
    try {
      const before = await newEngine();
      const breaker = { failures: 1, coolDownMs: 600_000 };
      await before.engine.waitForRun((await before.engine.startRun(call(server.url, breaker, "team_restart"))).runId);
      await before.engine.stop();

      const after = await newEngine();
      const held = await after.engine.startRun(call(server.url, breaker, "team_restart"));
      await eventOf(after.engine, held.runId, "step.waiting", "call");
      expect(server.received).toHaveLength(1);
      server.recover();
      expect(await after.engine.resetBreaker("team_restart", "no.such.host")).toBeNull();
      expect(await after.engine.resetBreaker("team_restart", new URL(server.url).host)).toMatchObject({ state: "closed" });
      expect((await after.engine.waitForRun(held.runId)).run.status).toBe("completed");
    } finally {
      await server.close();
    }
  });

  it("any step may share a breaker by key; breaker.enabled false turns off an http step's default one", { timeout: 30_000 }, async () => {
    const { engine } = await newEngine();
    const throwing = (id: string) => ({ id, type: "code", config: { source: "throw new Error('payments down')" }, breaker: { key: "payments", failures: 1, coolDownMs: 600_000 } });
    const failed = await engine.waitForRun((await engine.startRun({ definition: workflow([throwing("charge")]), teamId: "team_key" })).runId);
    expect(failed.steps[0]!.status).toBe("failed");
    const held = await engine.startRun({ definition: workflow([throwing("refund")]), teamId: "team_key" });
    expect((await eventOf(engine, held.runId, "step.waiting", "refund")).payload).toMatchObject({ waitingFor: "circuit open for payments" });

    const server = await switchableServer();
    try {
      const off = call(server.url, { enabled: false }, "team_off");
      for (let i = 0; i < 6; i++) expect((await engine.waitForRun((await engine.startRun(off)).runId)).steps[0]!.status).toBe("failed");
      expect(await engine.listBreakers("team_off")).toEqual([]);
      expect(server.received).toHaveLength(6);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!postgres)("circuit breakers shared by engine processes on PostgreSQL", () => {
  it("a breaker one process opens holds the other's steps, and a reset through the first wakes them at once", { timeout: 30_000 }, async () => {
    const server = await switchableServer();
    const host = new URL(server.url).host;
    const opened: { engine: Engine; store: RunStore }[] = [];
    const open = async () => {
      const store = await PgRunStore.open(postgres!.url);
      const engine = createEngine({ store, httpEgress: parseEgressAllowList("127.0.0.1") });
      await engine.start();
      opened.push({ engine, store });
      return engine;
    };
    try {
      const first = await open();
      const second = await open();
      const breaker = { failures: 1, coolDownMs: 600_000 };
      // The second engine reads the breakers (none yet) before the first opens one.
      expect(await second.listBreakers("team_shared")).toEqual([]);

      await first.waitForRun((await first.startRun(call(server.url, breaker, "team_shared"))).runId);
      await expect.poll(async () => (await second.listBreakers("team_shared"))[0]?.state, { timeout: 10_000 }).toBe("open");

      const held = await second.startRun(call(server.url, breaker, "team_shared"));
      await eventOf(second, held.runId, "step.waiting", "call");
      expect(server.received).toHaveLength(1);

      server.recover();
      expect(await first.resetBreaker("team_shared", host)).toMatchObject({ state: "closed" });
      // Ten minutes of cool-down remain: only the reset, seen through NOTIFY, lets the held step run.
      expect((await second.waitForRun(held.runId)).run.status).toBe("completed");
      expect(server.received).toHaveLength(2);
    } finally {
      for (const { engine, store } of opened) {
        await engine.stop();
        await store.close();
      }
      await server.close();
    }
  });
});
