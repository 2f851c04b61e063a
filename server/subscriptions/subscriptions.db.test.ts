// Event subscriptions end to end on each database: the real engine and store commit runs, the
// trigger fills the outbox in the same transaction, the publisher fans it out and POSTs signed
// deliveries through the guarded http client to a receiver in this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createGuardedFetch, parseEgressAllowList, silentLogger, type Engine, type RunStore } from "../../engine/index";
import { redeliver } from "../api/routers/subscriptions/subscriptions.handlers";
import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { PgRunStore } from "../engine-host/stores/pg-run-store";
import { SqliteRunStore } from "../engine-host/stores/sqlite-run-store";
import { encryptSecret } from "../secrets/secret-cipher";
import { secretsKeysFromEnv } from "../secrets/secrets-key";
import { createBothStores } from "../testing/both-stores";
import { subscriptionSecretOwner } from "./deliver";
import { sqliteQuietProbe } from "./quiet-probe";
import { EventPublisher } from "./event-publisher";
import { fanOutOutbox } from "./fan-out";
import { verifyDelivery } from "./signature";
import type { DeliveryBody } from "./payload";
import { startReceiver } from "./testing/receiver";

const keys = secretsKeysFromEnv({ ORKA_SECRETS_KEY: "c3Vic2NyaXB0aW9ucy10ZXN0LWtleS0wMTIzNDU2Nzg=" });
const signingSecret = "whsec_test_signing_secret";
const fastRetry = { maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 200 };
const noop = { format: "orka/v1", name: "orders", namespace: "shop", steps: [{ id: "a", type: "noop" }, { id: "b", type: "noop" }], edges: [{ from: "a", to: "b" }] };
const failing = { format: "orka/v1", name: "broken", steps: [{ id: "boom", type: "fail", config: { message: "out of stock" } }] };

const { sqlite, postgres } = await createBothStores();

for (const provider of ["sqlite", "postgres"] as const) {
  describe.skipIf(provider === "postgres" && !postgres)(`event subscriptions on ${provider}`, () => {
    let db: Db;
    let store: RunStore;
    let engine: Engine;
    const closers: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      db = provider === "sqlite" ? createPrismaClient({ provider, filename: sqlite.filename, url: sqlite.url }) : createPrismaClient({ provider, url: postgres!.url });
      store = provider === "sqlite" ? SqliteRunStore.open(sqlite.filename) : await PgRunStore.open(postgres!.url);
      engine = createEngine({ store });
      await engine.start();
    });
    afterAll(async () => {
      for (const close of closers.reverse()) await close();
      await engine.stop();
      await store.close();
      await db.$disconnect();
    });

    async function team(slug: string): Promise<string> {
      return (await db.team.create({ data: { name: slug, slug: `${slug}-${provider}` }, select: { id: true } })).id;
    }

    async function subscribe(teamId: string, url: string, events: string[]): Promise<string> {
      const { id } = await db.eventSubscription.create({ data: { teamId, url, events: JSON.stringify(events), secretCiphertext: "", secretKeyId: "" }, select: { id: true } });
      const stored = encryptSecret(keys, subscriptionSecretOwner(teamId, id), signingSecret);
      await db.eventSubscription.update({ where: { id }, data: { secretCiphertext: stored.ciphertext, secretKeyId: stored.keyId } });
      return id;
    }

    function publisher(allow: string, client: Db = db) {
      const http = createGuardedFetch({ policy: parseEgressAllowList(allow), logger: silentLogger });
      const publisher = new EventPublisher({ db: client, provider, fetch: http.fetch, keys: () => keys, retry: fastRetry, logger: silentLogger });
      closers.push(() => http.close());
      return publisher;
    }

    async function runs(teamId: string, definition: unknown, count: number): Promise<string[]> {
      const runIds = await Promise.all(Array.from({ length: count }, async () => (await engine.startRun({ definition, teamId })).runId));
      await Promise.all(runIds.map((runId) => engine.waitForRun(runId)));
      return runIds;
    }

    /** Publishing turns until `done` holds (deliveries retry on a timer of tens of ms). */
    async function publishUntil(publisher: EventPublisher, done: () => Promise<boolean> | boolean) {
      for (let turn = 0; turn < 200; turn++) {
        await publisher.runOnce();
        if (await done()) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("deliveries did not settle");
    }

    // First: no subscription exists anywhere yet (the tests below make some).
    it("writes outbox rows only for teams with a subscription, and empties the outbox a page at a time without deliveries for events nobody asked for", async () => {
      const unheard = await team("nobody-listens");
      await runs(unheard, noop, 5);
      await runs(unheard, failing, 2);
      expect(await db.eventOutbox.count()).toBe(0);

      const teamId = await team("other-events");
      await subscribe(teamId, "http://127.0.0.1:9/never", ["step.waiting_for_approval"]);
      await runs(unheard, noop, 1);
      await runs(teamId, noop, 5);
      await runs(teamId, failing, 2);
      expect(await db.eventOutbox.count()).toBe(9); // 5 run.completed, 2 step.failed and 2 run.failed, all of teamId
      const sender = publisher("127.0.0.1");
      expect(await fanOutOutbox(db, { provider, limit: 4 })).toBe(4);
      expect(await db.eventOutbox.count()).toBe(5);
      await sender.runOnce();
      expect(await db.eventOutbox.count()).toBe(0);
      expect(await db.eventDelivery.count()).toBe(0);
    });

    it("delivers each run's signed run.completed exactly once, and nothing the subscription did not ask for", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const teamId = await team("exactly-once");
      const subscriptionId = await subscribe(teamId, receiver.url, ["run.completed"]);
      const completed = await runs(teamId, noop, 8);
      await runs(teamId, failing, 2);
      await runs(null as never, noop, 1); // a run of no team publishes to nobody

      const sender = publisher("127.0.0.1");
      await publishUntil(sender, () => receiver.received.length >= completed.length);
      await sender.runOnce(); // and nothing more arrives

      expect(receiver.received).toHaveLength(completed.length);
      const bodies = receiver.received.map((delivery) => JSON.parse(delivery.body) as DeliveryBody);
      expect(bodies.map((body) => body.run.id).sort()).toEqual([...completed].sort());
      for (const [index, delivery] of receiver.received.entries()) {
        expect(verifyDelivery(signingSecret, delivery.body, String(delivery.headers["orka-signature"]))).toBe(true);
        expect(verifyDelivery("another secret", delivery.body, String(delivery.headers["orka-signature"]))).toBe(false);
        expect(delivery.headers["orka-event-id"]).toBe(bodies[index]!.id);
        expect(delivery.headers["orka-event"]).toBe("run.completed");
      }
      expect(bodies[0]).toMatchObject({
        event: "run.completed",
        run: { status: "completed", durationMs: expect.any(Number) },
        workflow: { namespace: "shop", name: "orders" },
        steps: { completed: 2, total: 2 },
      });
      const log = await db.eventDelivery.findMany({ where: { subscriptionId }, select: { eventId: true, status: true, attempts: true } });
      expect(log).toHaveLength(completed.length);
      expect(new Set(log.map((row) => row.eventId)).size).toBe(completed.length);
      expect(log.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
      expect(await db.eventOutbox.count()).toBe(0);
    });

    // PostgreSQL only: several processes share a PostgreSQL database, while SQLite has one engine
    // process (and two better-sqlite3 clients in one process wait for each other's locks synchronously).
    it.skipIf(provider === "sqlite")("two publishers on one database (two clients, as two processes) fan out disjoint rows and send each run.completed once", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const teamId = await team("two-publishers");
      const subscriptionId = await subscribe(teamId, receiver.url, ["run.completed"]);
      const other = createPrismaClient({ provider: "postgres", url: postgres!.url });
      closers.push(() => other.$disconnect());
      const completed = await runs(teamId, noop, 24);
      const outboxRows = await db.eventOutbox.count();
      expect(outboxRows).toBeGreaterThanOrEqual(completed.length);

      // Both drain the outbox at once, a few rows per turn: every row is consumed by exactly one.
      const drain = async (client: Db) => {
        let consumed = 0;
        for (let taken = -1; taken !== 0; consumed += taken) taken = await fanOutOutbox(client, { provider, limit: 3 });
        return consumed;
      };
      const [mine, theirs] = await Promise.all([drain(db), drain(other)]);
      expect(mine + theirs).toBe(outboxRows);
      expect(await db.eventOutbox.count()).toBe(0);

      // Both send at once: each delivery is attempted by one of them.
      const senders = [publisher("127.0.0.1"), publisher("127.0.0.1", other)];
      for (let turn = 0; turn < 100 && receiver.received.length < completed.length; turn++) await Promise.all(senders.map((sender) => sender.runOnce()));
      await Promise.all(senders.map((sender) => sender.runOnce()));
      const eventIds = receiver.received.map((delivery) => String(delivery.headers["orka-event-id"]));
      expect(eventIds).toHaveLength(completed.length);
      expect(new Set(eventIds).size).toBe(completed.length);
      const log = await db.eventDelivery.findMany({ where: { subscriptionId }, select: { status: true, attempts: true } });
      expect(log).toHaveLength(completed.length);
      expect(log.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    });

    it("retries a receiver that fails twice with backoff, then delivers; the log shows three attempts", async () => {
      const receiver = await startReceiver(({ attempt }) => (attempt < 3 ? 503 : 200));
      closers.push(receiver.close);
      const teamId = await team("retries");
      const subscriptionId = await subscribe(teamId, receiver.url, ["run.failed", "step.failed"]);
      const [runId] = await runs(teamId, failing, 1);

      const sender = publisher("127.0.0.1");
      await publishUntil(sender, async () => (await db.eventDelivery.count({ where: { subscriptionId, status: "delivered" } })) === 2);

      const log = await db.eventDelivery.findMany({ where: { subscriptionId }, orderBy: { event: "asc" }, select: { event: true, runId: true, attempts: true, lastStatusCode: true } });
      expect(log).toEqual([
        { event: "run.failed", runId, attempts: 3, lastStatusCode: 200 },
        { event: "step.failed", runId, attempts: 3, lastStatusCode: 200 },
      ]);
      const runFailed = receiver.received.filter((delivery) => delivery.headers["orka-event"] === "run.failed");
      expect(runFailed.map((delivery) => [delivery.headers["orka-delivery-attempt"], delivery.answeredWith])).toEqual([["1", 503], ["2", 503], ["3", 200]]);
      expect(new Set(runFailed.map((delivery) => delivery.headers["orka-event-id"])).size).toBe(1);
      const stepFailed = JSON.parse(receiver.received.find((delivery) => delivery.headers["orka-event"] === "step.failed")!.body);
      expect(stepFailed.step).toEqual({ id: "boom", error: { kind: "permanent", message: "out of stock" } });

      // Redeliver: the same event id again, as attempt 4; refused while a sender holds the delivery.
      const delivery = (await db.eventDelivery.findFirst({ where: { subscriptionId, event: "run.failed" }, select: { id: true, eventId: true } }))!;
      const user = await db.user.create({ data: { email: `olga-${provider}@example.test`, name: "Olga" }, select: { id: true, name: true } });
      const asOwner = { db, session: { user }, membership: { teamId, role: "owner" } } as never;
      await redeliver({ ctx: asOwner, input: { deliveryId: delivery.id } });
      await publishUntil(sender, () => receiver.received.length === 7);
      expect(receiver.received.at(-1)!.headers).toMatchObject({ "orka-event-id": delivery.eventId, "orka-delivery-attempt": "4" });
      expect(await db.eventDelivery.findUnique({ where: { id: delivery.id }, select: { status: true, redeliveries: true } })).toEqual({ status: "delivered", redeliveries: 1 });
      await db.eventDelivery.update({ where: { id: delivery.id }, data: { claimedUntil: new Date(Date.now() + 60_000) } });
      await expect(redeliver({ ctx: asOwner, input: { deliveryId: delivery.id } })).rejects.toMatchObject({ code: "CONFLICT" });
      const otherTeam = { db, session: { user }, membership: { teamId: await team("stranger"), role: "owner" } } as never;
      await expect(redeliver({ ctx: otherTeam, input: { deliveryId: delivery.id } })).rejects.toThrow(/not found/i);
    });

    it.skipIf(provider === "postgres")("on SQLite, a timed turn asks the store's connection first and reads nothing through Prisma while the outbox is empty and no delivery is pending", async () => {
      const quiet = sqliteQuietProbe((store as SqliteRunStore).database);
      await db.eventDelivery.deleteMany();
      expect(quiet()).toBe(true);
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const teamId = await team("quiet");
      await subscribe(teamId, receiver.url, ["run.completed"]);
      await runs(teamId, noop, 1);
      expect(quiet()).toBe(false); // a row in the outbox
      const sender = publisher("127.0.0.1");
      await publishUntil(sender, () => receiver.received.length === 1);
      expect(quiet()).toBe(true);

      // A client that fails every query: a turn that read anything would log the failure.
      const broken = new Proxy({}, { get: () => new Proxy(() => undefined, { get: () => () => Promise.reject(new Error("queried")), apply: () => Promise.reject(new Error("queried")) }) }) as Db;
      for (const [probe, expected] of [[() => true, 0], [() => false, 1]] as const) {
        const errors: unknown[] = [];
        const http = createGuardedFetch({ policy: parseEgressAllowList(""), logger: silentLogger });
        closers.push(() => http.close());
        const timed = new EventPublisher({ db: broken, provider, fetch: http.fetch, keys: () => keys, logger: { ...silentLogger, error: (...args: unknown[]) => errors.push(args) }, quiet: probe, pollMs: 60_000 });
        timed.start();
        await new Promise((resolve) => setTimeout(resolve, 100));
        await timed.stop();
        expect(errors).toHaveLength(expected);
      }
    });

    it("refuses egress to an address the policy blocks: the receiver gets nothing, the log says why", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const teamId = await team("egress");
      const subscriptionId = await subscribe(teamId, receiver.url, ["run.completed"]);
      await runs(teamId, noop, 1);

      const sender = publisher(""); // no allow list: loopback is refused, as for http steps
      await publishUntil(sender, async () => ((await db.eventDelivery.findFirst({ where: { subscriptionId }, select: { attempts: true } }))?.attempts ?? 0) >= 1);

      expect(receiver.received).toHaveLength(0);
      expect(await db.eventDelivery.findFirst({ where: { subscriptionId }, select: { status: true, lastStatusCode: true, lastError: true } })).toEqual({
        status: "pending",
        lastStatusCode: null,
        lastError: "request to 127.0.0.1 failed: the host could not be reached or is not allowed",
      });
    });
  });
}
