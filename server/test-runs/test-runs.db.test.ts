import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, parseEgressAllowList, type Engine, type RunStore } from "@/engine";
import { createCaller } from "@/server/api/root";
import type { TRPCContext } from "@/server/api/trpc";
import { handleStartRun } from "@/server/api/rest/runs/start.handler";
import type { Session } from "@/server/auth";
import { createPrismaClient, type Db } from "@/server/db/create-prisma-client";
import { prismaWorkflowResolver } from "@/server/engine-host/prisma-workflow-resolver";
import { PgRunStore } from "@/server/engine-host/stores/pg-run-store";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { unlimited } from "@/server/http/rate-limiter";
import { teamSecretResolver } from "@/server/secrets/team-secret-resolver";
import { createTeamWithMember } from "@/server/testing/members";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDatabase } from "@/server/testing/sqlite-store-db";
import { fireSchedule } from "@/server/triggers/scheduler/fire-schedule";
import { handleWebhook } from "@/server/triggers/webhook-route";

/**
 * Test runs of drafts, pinned step data and what steps record, through the routers against the real
 * database and engine, on SQLite and PostgreSQL: triggers never start a test run, pins replace
 * steps, publishing an unchanged draft is refused, and secret values never reach recorded data.
 */
const token = `tok_${randomBytes(12).toString("hex")}`;

// A local server that answers 503 with a body that repeats what it was sent (the token included).
let server: http.Server;
let baseUrl = "";
beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.writeHead(503, { "content-type": "text/plain" });
    response.end(`upstream down; you sent ${request.headers.authorization ?? "nothing"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/**
 *   load (http, 503) ──▶ total (n * 2 from load's body)
 */
const draftDefinition = (name: string) => ({
  format: "orka/v1",
  name,
  input: { type: "object", properties: { n: { type: "number" } } },
  steps: [
    { id: "load", type: "http", config: { url: `${baseUrl}/orders`, headers: { authorization: "Bearer {{ $secrets.TOKEN }}" } } },
    { id: "total", type: "noop", config: { output: "$steps.load.output.body.n * 2 + $input.n" } },
  ],
  edges: [{ from: "load", to: "total" }],
  output: "$steps.total.output",
});

interface Backend {
  db: Db;
  provider: TRPCContext["dbProvider"];
  store: RunStore;
  close(): Promise<void>;
}

const postgres = await createPostgresTestDatabase();

describe.each([
  {
    provider: "SQLite",
    skip: false,
    open: async (): Promise<Backend> => {
      const database = createSqliteTestDatabase();
      const db = createPrismaClient({ provider: "sqlite", filename: database.filename, url: database.url });
      const store = SqliteRunStore.open(database.filename);
      return { db, provider: "sqlite", store, close: async () => (await store.close(), await db.$disconnect(), database.cleanup()) };
    },
  },
  {
    provider: "PostgreSQL",
    skip: !postgres,
    open: async (): Promise<Backend> => {
      const db = createPrismaClient({ provider: "postgres", url: postgres!.url });
      const store = await PgRunStore.open(postgres!.url);
      return { db, provider: "postgres", store, close: async () => (await store.close(), await db.$disconnect(), await postgres!.drop()) };
    },
  },
])("test runs on $provider", ({ open, skip }) => {
  let backend: Backend;
  let engine: Engine;
  let owner: Session;
  let editor: Session;
  let workflowId: string;
  const caller = () => createCaller({ db: backend.db, dbProvider: backend.provider, session: editor, getEngine: () => Promise.resolve(engine) });
  const deps = () => ({ db: backend.db, getEngine: () => Promise.resolve(engine), rateLimiter: unlimited });

  beforeAll(async () => {
    if (skip) return;
    process.env.ORKA_SECRETS_KEY ??= randomBytes(32).toString("base64");
    backend = await open();
    engine = createEngine({ store: backend.store, resolver: prismaWorkflowResolver(backend.db), secrets: teamSecretResolver(backend.db), httpEgress: parseEgressAllowList("127.0.0.1") });
    await engine.start();
    owner = await createTeamWithMember(backend.db, { teamName: "Testers", role: "owner" });
    const user = await backend.db.user.create({ data: { email: `editor-${randomBytes(4).toString("hex")}@example.test`, name: "Editor" }, select: { id: true, email: true, name: true } });
    await backend.db.membership.create({ data: { userId: user.id, teamId: owner.team.id, role: "editor" } });
    editor = { user, team: owner.team, role: "editor" };
    await createCaller({ db: backend.db, dbProvider: backend.provider, session: owner, getEngine: () => Promise.resolve(engine) }).secrets.set({ name: "TOKEN", value: token });
    ({ id: workflowId } = await caller().workflows.create({ name: "orders" }));
    await caller().workflows.saveDraft({ workflowId, baseRevision: 0, draft: draftDefinition("orders") });
  });

  afterAll(async () => {
    if (skip) return;
    await engine.stop();
    await backend.close();
  });

  it.skipIf(skip)("runs the draft without publishing: a test run with the draft's snapshot, listed apart from normal runs", async () => {
    const { runId } = await caller().runs.startTest({ workflowId, input: { n: 1 } });
    const stored = await engine.waitForRun(runId);
    expect(stored.run).toMatchObject({ test: true, workflowVersionId: null, status: "failed", definition: expect.objectContaining({ name: "orders" }) });
    expect(await caller().workflows.versions({ workflowId })).toEqual([]);
    expect((await caller().runs.list({ workflowId, test: true })).items.map((run) => run.id)).toEqual([runId]);
    expect((await caller().runs.list({ workflowId })).items).toEqual([]);
  });

  it.skipIf(skip)("marks the child runs of a test run as test runs: listed with test runs, never with normal ones", async () => {
    const { id: mapWorkflowId } = await caller().workflows.create({ name: "fan_out" });
    const child = { format: "orka/v1", name: "child", steps: [{ id: "double", type: "noop", config: { output: "$input * 2" } }] };
    const draft = { format: "orka/v1", name: "fan_out", steps: [{ id: "each", type: "map", config: { items: "[1, 2]", definition: child } }] };
    await caller().workflows.saveDraft({ workflowId: mapWorkflowId, baseRevision: 0, draft });
    const { runId } = await caller().runs.startTest({ workflowId: mapWorkflowId, input: {} });
    expect((await engine.waitForRun(runId)).run).toMatchObject({ status: "completed", output: { each: [{ double: 2 }, { double: 4 }] } });
    const children = await backend.store.listChildRuns(runId);
    expect(children.map((run) => [run.test, run.pins])).toEqual([[true, null], [true, null]]);
    const listed = async (test: boolean) => (await caller().runs.list({ includeChildren: true, test, limit: 100 })).items.map((run) => run.id);
    expect(await listed(true)).toEqual(expect.arrayContaining([runId, ...children.map((run) => run.id)]));
    expect(await listed(false)).toEqual([]);
  });

  it.skipIf(skip)("records the http step's request and its failed response body, with the secret's value redacted", async () => {
    const { runId } = await caller().runs.startTest({ workflowId, input: { n: 1 } });
    await engine.waitForRun(runId);
    const data = await caller().runs.stepData({ runId, stepId: "load" });
    expect(data).toMatchObject({
      status: "failed",
      error: { kind: "transient", message: `HTTP 503 from ${baseUrl}/orders` },
      detail: {
        request: { method: "GET", url: `${baseUrl}/orders`, headers: expect.objectContaining({ authorization: "Bearer [secret TOKEN]" }) },
        response: { status: 503, body: "upstream down; you sent Bearer [secret TOKEN]", headers: expect.objectContaining({ "content-type": "text/plain" }) },
      },
    });
    const rows = await backend.db.stepRun.findMany({ where: { runId }, select: { detail: true } });
    expect(JSON.stringify(rows)).toContain("[secret TOKEN]");
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it.skipIf(skip)("uses pinned data instead of running a step, and runs one step with the input of a previous run", async () => {
    await caller().workflows.pinStep({ workflowId, stepId: "load", output: { status: 200, body: { n: 20 } } });
    expect(await caller().workflows.pins({ workflowId })).toEqual([{ stepId: "load", output: { status: 200, body: { n: 20 } }, updatedAt: expect.any(Date) }]);
    const { runId } = await caller().runs.startTest({ workflowId, input: { n: 2 } });
    const stored = await engine.waitForRun(runId);
    expect(stored.run).toMatchObject({ status: "completed", output: 42, pins: { load: { output: { status: 200, body: { n: 20 } } } } });
    expect((await caller().runs.stepData({ runId, stepId: "load" })).detail).toEqual({ pinned: true });

    // The designer's live preview evaluates against this run's data, bounded like the engine.
    expect(await caller().runs.previewExpression({ runId, source: "$steps.total.output + $input.n" })).toEqual({ ok: true, value: 44 });
    expect(await caller().runs.previewExpression({ runId, source: "n={{ $input.n }}", template: true })).toEqual({ ok: true, value: "n=2" });
    const runaway = await caller().runs.previewExpression({ runId, source: "($f := function($x) { $f($x) + 1 }; $f(1))" });
    expect(runaway).toMatchObject({ ok: false, error: expect.any(String) });

    // One step, with the input and the earlier steps' outputs of that run: only `total` runs.
    await caller().workflows.unpinStep({ workflowId, stepId: "load" });
    const one = await caller().runs.testStep({ workflowId, stepId: "total", fromRunId: runId });
    const single = await engine.waitForRun(one.runId);
    expect(single.run).toMatchObject({ test: true, status: "completed", output: 42 });
    expect((await caller().runs.stepData({ runId: one.runId, stepId: "total" })).received).toEqual({ input: { n: 2 }, steps: { load: { status: 200, body: { n: 20 } } } });

    // Typed sample input; a step that depends on nothing pinned runs what it depends on.
    const typed = await caller().runs.testStep({ workflowId, stepId: "load", input: { n: 5 } });
    expect((await engine.waitForRun(typed.runId)).run).toMatchObject({ test: true, status: "failed", input: { n: 5 }, definition: expect.objectContaining({ steps: [expect.objectContaining({ id: "load" })] }) });
  });

  it.skipIf(skip)("refuses a pin on a step the draft lacks, and bad input with a path", async () => {
    await expect(caller().workflows.pinStep({ workflowId, stepId: "nope", output: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().workflows.pinStep({ workflowId, stepId: "load" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("output") });
    await expect(caller().runs.testStep({ workflowId, stepId: "total", fromRunId: "r", input: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it.skipIf(skip)("never starts a test run from a trigger: webhook, schedule and API key start the published version", async () => {
    await expect(caller().workflows.publish({ workflowId, baseRevision: 1 })).resolves.toMatchObject({ number: 1 });
    await expect(caller().workflows.publish({ workflowId, baseRevision: 1 })).rejects.toMatchObject({ code: "CONFLICT", message: "nothing changed since v1" });
    const before = await backend.db.run.count({ where: { test: true } });

    const { token: hookToken } = await caller().triggers.rotateWebhook({ workflowId });
    const hooked = await handleWebhook(deps(), new Request(`http://orka.test/api/hooks/${hookToken}`, { method: "POST", body: JSON.stringify({ n: 1 }), headers: { "content-type": "application/json" } }), hookToken);
    expect(hooked.status).toBeLessThan(300);

    const { key } = await caller().triggers.createApiKey({ name: "ci" });
    const started = await handleStartRun(
      deps(),
      new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs`, { method: "POST", body: JSON.stringify({ input: { n: 1 } }), headers: { "content-type": "application/json", authorization: `Bearer ${key}` } }),
      workflowId,
    );
    expect(started.status).toBeLessThan(300);

    const schedule = await caller().triggers.createSchedule({ workflowId, cron: "@daily", timezone: "UTC", input: { n: 1 } });
    const due = await backend.db.schedule.findUniqueOrThrow({ where: { id: schedule.id }, select: { id: true, workflowId: true, cron: true, timezone: true, input: true, nextRunAt: true, workflow: { select: { teamId: true } } } });
    expect(await fireSchedule(backend.db, engine, due, new Date(due.nextRunAt!.getTime() + 1000))).toMatchObject({ fired: true, error: null });

    const triggered = await backend.db.run.findMany({ where: { workflowId, workflowVersionId: { not: null } }, select: { test: true } });
    expect(triggered).toEqual([{ test: false }, { test: false }, { test: false }]);
    expect(await backend.db.run.count({ where: { test: true } })).toBe(before);
  });
});
