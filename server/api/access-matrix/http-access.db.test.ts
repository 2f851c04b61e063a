import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import { doublingDefinition, failingDefinition } from "@/server/api/routers/runs/runs-test-kit";
import type { HttpDeps } from "@/server/http/deps";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";

// The cross-team cases of the routes outside tRPC that the REST and webhook tests leave out.
// The route modules as Next loads them, with the test database and engine in place of the app's.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const hookRoute = await import("@/app/api/hooks/[token]/route");
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");
const runRoute = await import("@/app/api/v1/runs/[runId]/route");
const runsRoute = await import("@/app/api/v1/runs/route");
const redriveRoute = await import("@/app/api/v1/runs/[runId]/redrive/route");

interface Team {
  editor: Session;
  workflowId: string;
  /** The workflow's webhook token. */
  token: string;
  /** An API key of the team. */
  key: string;
}

let kit: TriggersTestKit;
/** Team A, with a finished run. */
let a: Team & { runId: string };
/** Team B, acting against team A. */
let b: Team;

async function team(name: string): Promise<Team> {
  const { editor, workflowId } = await kit.teamWithWorkflow(name);
  const caller = kit.callerFor(editor);
  const { token } = await caller.triggers.rotateWebhook({ workflowId });
  const { key } = await caller.triggers.createApiKey({ name: "CI" });
  return { editor, workflowId, token, key };
}

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = kit.deps;
  const teamA = await team("Team A");
  const { runId } = await kit.callerFor(teamA.editor).runs.start({ workflowId: teamA.workflowId, input: { n: 1 } });
  await kit.engine.waitForRun(runId);
  a = { ...teamA, runId };
  b = await team("Team B");
});

afterAll(() => kit.cleanup());

const bearer = (key: string | null): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
const json = { "content-type": "application/json" };

function hook(token: string, input: unknown) {
  const request = new Request(`http://orka.test/api/hooks/${token}`, { method: "POST", headers: json, body: JSON.stringify(input) });
  return hookRoute.POST(request, { params: Promise.resolve({ token }) });
}

function startRun(workflowId: string, key: string | null, body: unknown = { input: { n: 1 } }, query = "") {
  const request = new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs${query}`, { method: "POST", headers: { ...json, ...bearer(key) }, body: JSON.stringify(body) });
  return startRoute.POST(request, { params: Promise.resolve({ workflowId }) });
}

function getRun(runId: string, key: string | null) {
  return runRoute.GET(new Request(`http://orka.test/api/v1/runs/${runId}`, { headers: bearer(key) }), { params: Promise.resolve({ runId }) });
}

function listRuns(query: string, key: string | null) {
  return runsRoute.GET(new Request(`http://orka.test/api/v1/runs${query}`, { headers: bearer(key) }));
}

async function errorOf(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error };
}

/** Runs `act` and checks that it started no run of any team. */
async function startsNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = await kit.runCount();
  const result = await act();
  expect(await kit.runCount()).toBe(before);
  return result;
}

const notFound = { status: 404, code: "NOT_FOUND", message: "not found" };

describe("webhooks across teams", () => {
  it("a team's token starts only its own workflow, as a run of its own team", async () => {
    const response = await hook(b.token, { n: 2 });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect((await kit.engine.waitForRun(runId)).run).toMatchObject({ teamId: b.editor.team.id, workflowId: b.workflowId });
    expect(await errorOf(await getRun(runId, a.key))).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("answers 404 to an API key used as a webhook token, and starts nothing", async () => {
    expect(await startsNothing(async () => errorOf(await hook(a.key, { n: 1 })))).toEqual(notFound);
  });

  it("answers 404 once the webhook is deleted, or its workflow is, and starts nothing", async () => {
    const caller = kit.callerFor(a.editor);
    const tokenOf = async (name: string) => {
      const workflowId = await kit.publishedWorkflow(a.editor, name, doublingDefinition(name));
      return { workflowId, token: (await caller.triggers.rotateWebhook({ workflowId })).token };
    };
    const unhooked = await tokenOf("unhooked");
    await caller.triggers.deleteWebhook({ workflowId: unhooked.workflowId });
    const deleted = await tokenOf("deleted");
    await caller.workflows.delete({ workflowId: deleted.workflowId });
    for (const { token } of [unhooked, deleted]) expect(await startsNothing(async () => errorOf(await hook(token, { n: 1 })))).toEqual(notFound);
  });

  it("does not take a webhook token as an API key (401)", async () => {
    expect(await startsNothing(async () => errorOf(await startRun(b.workflowId, b.token)))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });
});

describe("the REST API across teams", () => {
  it("answers another team's key 404 when it redrives a run, and changes nothing", async () => {
    const failingId = await kit.publishedWorkflow(a.editor, "failing_across", failingDefinition);
    const { runId } = await kit.callerFor(a.editor).runs.start({ workflowId: failingId });
    await kit.engine.waitForRun(runId);
    const redrive = (key: string | null) =>
      redriveRoute.POST(new Request(`http://orka.test/api/v1/runs/${runId}/redrive`, { method: "POST", headers: bearer(key) }), { params: Promise.resolve({ runId }) });
    expect(await errorOf(await redrive(b.key))).toEqual({ status: 404, code: "NOT_FOUND", message: "run not found" });
    expect(await errorOf(await redrive(null))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect((await kit.engine.getRun(runId))!.run).toMatchObject({ status: "failed", previousVersions: [] });
  });

  it("answers another team's key the same 404 whatever version it names, and starts nothing", async () => {
    const workflowNotFound = { status: 404, code: "NOT_FOUND", message: "workflow not found" };
    for (const body of [{ input: { n: 1 }, version: 1 }, { input: { n: 1 }, version: 99 }]) {
      expect(await startsNothing(async () => errorOf(await startRun(a.workflowId, b.key, body, "?wait=true")))).toEqual(workflowNotFound);
    }
  });

  it("lists none of team A's runs to team B's key, even filtered by team A's workflow", async () => {
    for (const query of [`?workflowId=${a.workflowId}`, "?status=completed&limit=100"]) {
      const response = await listRuns(query, b.key);
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { id: string; workflowId: string | null }[] };
      expect(items.filter((run) => run.id === a.runId || run.workflowId === a.workflowId)).toEqual([]);
    }
  });

  it("answers 401 to a revoked key or none when starting or reading a run, and starts nothing", async () => {
    const caller = kit.callerFor(a.editor);
    const { id, key: revoked } = await caller.triggers.createApiKey({ name: "revoked" });
    await caller.triggers.revokeApiKey({ apiKeyId: id });
    for (const key of [revoked, null]) {
      expect(await startsNothing(async () => errorOf(await startRun(a.workflowId, key)))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
      expect(await errorOf(await getRun(a.runId, key))).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    }
  });
});
