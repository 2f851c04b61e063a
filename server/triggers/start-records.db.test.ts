import { beforeAll, describe, expect, it, vi } from "vitest";
import { doublingDefinition } from "@/server/api/routers/runs/runs-test-kit";
import { createCaller } from "@/server/api/root";
import type { HttpDeps } from "@/server/http/deps";
import type { HttpTestWorld } from "@/server/http/http-test-world";
import { openHttpTestWorlds, postRunStart, postWebhook } from "@/server/testing/http-routes";

// Run starts commit their audit entry and the webhook's last-use stamp in the run's own group
// commit, and read tokens and versions fresh on the engine store's connection: on SQLite and on
// PostgreSQL, with the routes as Next loads them.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const worlds = await openHttpTestWorlds();

interface Started {
  httpStatus: number;
  runId?: string;
  version?: number;
  output?: unknown;
  error?: { code: string };
}

const answerOf = async (response: Response): Promise<Started> => ({ ...((await response.json()) as Omit<Started, "httpStatus">), httpStatus: response.status });

const hook = (token: string, input: unknown, query = "?wait=true") => postWebhook(token, { body: input, query }).then(answerOf);
const rest = (apiKey: string, workflowId: string, input: unknown) => postRunStart(apiKey, workflowId, { body: { input }, query: "?wait=true" }).then(answerOf);

describe.each(["sqlite", "postgres"] as const)("run starts on %s", (provider) => {
  const world = worlds[provider]!;
  let team: Awaited<ReturnType<HttpTestWorld["team"]>>;
  const editorCaller = () => createCaller({ db: world.db, dbProvider: provider, session: team.editor, getEngine: () => Promise.resolve(world.engine) });
  const startAudit = (runIds: string[]) =>
    world.db.auditEvent.findMany({ where: { action: "run.started", targetType: "run", targetId: { in: runIds } }, select: { targetId: true, actorName: true, detail: true } });

  beforeAll(async () => {
    injected.deps = world.deps;
    team = await world.team(`Starts ${provider}`);
  });

  it.skipIf(!world)("records 50 concurrent webhook starts as 50 runs with one audit entry each, and stamps the webhook's last use", async () => {
    const before = new Date(Date.now() - 1);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => hook(team.token, { n })));
    expect(answers.map((answer) => answer.httpStatus)).toEqual(Array(50).fill(200));
    expect(answers.map((answer) => answer.output).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 50 }, (_, n) => n * 2 + 1));
    const runIds = answers.map((answer) => answer.runId!);
    expect(new Set(runIds).size).toBe(50);
    expect(await world.db.run.count({ where: { id: { in: runIds } } })).toBe(50);
    const entries = await startAudit(runIds);
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((entry) => entry.targetId))).toEqual(new Set(runIds));
    expect(entries.every((entry) => entry.actorName === "webhook" && (JSON.parse(entry.detail) as { version: number }).version === 1)).toBe(true);
    const webhook = await world.db.workflowWebhook.findUniqueOrThrow({ where: { workflowId: team.workflowId } });
    expect(webhook.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });

  it.skipIf(!world)("records 50 concurrent REST starts as 50 runs with one audit entry each", async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => rest(team.key, team.workflowId, { n })));
    expect(answers.map((answer) => answer.httpStatus)).toEqual(Array(50).fill(200));
    const runIds = answers.map((answer) => answer.runId!);
    const entries = await startAudit(runIds);
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((entry) => entry.targetId))).toEqual(new Set(runIds));
    expect(entries.every((entry) => entry.actorName === "API key CI")).toBe(true);
  });

  it.skipIf(!world)("a refused input starts nothing and records nothing", async () => {
    const runs = await world.runCount();
    const entries = await world.db.auditEvent.count({ where: { action: "run.started" } });
    const answer = await hook(team.token, { n: "not a number" });
    expect(answer).toMatchObject({ httpStatus: 400, error: { code: "INVALID_INPUT" } });
    expect(await world.runCount()).toBe(runs);
    expect(await world.db.auditEvent.count({ where: { action: "run.started" } })).toBe(entries);
  });

  it.skipIf(!world)("sees a publish at the very next start, after the previous version was started (and prepared)", async () => {
    expect(await hook(team.token, { n: 1 })).toMatchObject({ httpStatus: 200, version: 1, output: 3 });
    const caller = editorCaller();
    const { draftRevision } = await caller.workflows.get({ workflowId: team.workflowId });
    const saved = await caller.workflows.saveDraft({ workflowId: team.workflowId, baseRevision: draftRevision, draft: doublingDefinition("doubling", 10) });
    await caller.workflows.publish({ workflowId: team.workflowId, baseRevision: saved.draftRevision });
    expect(await hook(team.token, { n: 1 })).toMatchObject({ httpStatus: 200, version: 2, output: 11 });
    expect(await rest(team.key, team.workflowId, { n: 2 })).toMatchObject({ httpStatus: 200, version: 2, output: 21 });
  });

  it.skipIf(!world)("refuses a rotated or deleted webhook token at the very next request", async () => {
    const caller = editorCaller();
    const old = team.token;
    expect((await hook(old, { n: 1 })).httpStatus).toBe(200);
    const { token: rotated } = await caller.triggers.rotateWebhook({ workflowId: team.workflowId });
    expect(await hook(old, { n: 1 })).toMatchObject({ httpStatus: 404, error: { code: "NOT_FOUND" } });
    expect((await hook(rotated, { n: 1 })).httpStatus).toBe(200);
    await caller.triggers.deleteWebhook({ workflowId: team.workflowId });
    expect((await hook(rotated, { n: 1 })).httpStatus).toBe(404);
    const { token: again } = await caller.triggers.rotateWebhook({ workflowId: team.workflowId });
    expect((await hook(again, { n: 1 })).httpStatus).toBe(200);
  });

  it.skipIf(!world)("refuses a deleted workflow's token at the very next request", async () => {
    // A workflow with runs cannot be deleted: this one's version is read and prepared by a refused start only.
    const doomed = await world.team(`Doomed ${provider}`);
    expect(await hook(doomed.token, { n: "x" })).toMatchObject({ httpStatus: 400, error: { code: "INVALID_INPUT" } });
    const caller = createCaller({ db: world.db, dbProvider: provider, session: doomed.editor, getEngine: () => Promise.resolve(world.engine) });
    await caller.workflows.delete({ workflowId: doomed.workflowId });
    const runs = await world.runCount();
    expect(await hook(doomed.token, { n: 1 })).toMatchObject({ httpStatus: 404, error: { code: "NOT_FOUND" } });
    expect(await rest(doomed.key, doomed.workflowId, { n: 1 })).toMatchObject({ httpStatus: 404 });
    expect(await world.runCount()).toBe(runs);
  });
});
