import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import type { HttpDeps } from "@/server/http/deps";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";

// The route modules as Next loads them, with the test database and engine in place of the app's.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");
const runRoute = await import("@/app/api/v1/runs/[runId]/route");
const runsRoute = await import("@/app/api/v1/runs/route");

let kit: TriggersTestKit;
let editor: Session;
let workflowId: string;
let key: string;
let otherKey: string;
let otherWorkflowId: string;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = kit.deps;
  ({ editor, workflowId } = await kit.teamWithWorkflow("Api"));
  ({ key } = await kit.callerFor(editor).triggers.createApiKey({ name: "CI" }));
  const other = await kit.teamWithWorkflow("Other");
  otherWorkflowId = other.workflowId;
  ({ key: otherKey } = await kit.callerFor(other.editor).triggers.createApiKey({ name: "theirs" }));
});

afterAll(() => kit.cleanup());

const auth = (apiKey: string | null): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});

function startRun(id: string, body: unknown, { apiKey = key as string | null, query = "" } = {}) {
  const request = new Request(`http://orka.test/api/v1/workflows/${id}/runs${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth(apiKey) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return startRoute.POST(request, { params: Promise.resolve({ workflowId: id }) });
}

function getRun(runId: string, apiKey: string | null = key) {
  return runRoute.GET(new Request(`http://orka.test/api/v1/runs/${runId}`, { headers: auth(apiKey) }), { params: Promise.resolve({ runId }) });
}

function listRuns(query: string, apiKey: string | null = key) {
  return runsRoute.GET(new Request(`http://orka.test/api/v1/runs${query}`, { headers: auth(apiKey) }));
}

async function errorOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { code: string; message: string; issues?: unknown } }).error;
}

describe("REST API keys", () => {
  it("answers 401 without a key, with a malformed or unknown one, and starts nothing", async () => {
    const before = await kit.runCount();
    for (const apiKey of [null, "orka_nope", "not-a-key"]) {
      const response = await startRun(workflowId, { input: { n: 1 } }, { apiKey });
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect((await errorOf(response, 401)).code).toBe("UNAUTHORIZED");
      expect((await errorOf(await listRuns("", apiKey), 401)).code).toBe("UNAUTHORIZED");
    }
    const basic = new Request("http://orka.test/api/v1/runs", { headers: { authorization: `Basic ${key}` } });
    expect((await errorOf(await runsRoute.GET(basic), 401)).code).toBe("UNAUTHORIZED");
    expect(await kit.runCount()).toBe(before);
  });

  it("stops accepting a key once it is revoked", async () => {
    const caller = kit.callerFor(editor);
    const { id, key: shortLived } = await caller.triggers.createApiKey({ name: "short-lived" });
    expect((await listRuns("", shortLived)).status).toBe(200);
    await caller.triggers.revokeApiKey({ apiKeyId: id });
    expect((await errorOf(await listRuns("", shortLived), 401)).message).toContain("revoked");
  });
});

describe("POST /api/v1/workflows/{workflowId}/runs", () => {
  it("starts a run: 201, its id, version and Location", async () => {
    const response = await startRun(workflowId, { input: { n: 3 } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { runId: string };
    expect(body).toMatchObject({ runId: expect.any(String), version: 1, status: expect.any(String) });
    expect(response.headers.get("location")).toBe(`/api/v1/runs/${body.runId}`);
    expect((await kit.engine.waitForRun(body.runId)).run).toMatchObject({ status: "completed", output: 7, teamId: editor.team.id });
  });

  it("with ?wait=true answers 200 with the output", async () => {
    const response = await startRun(workflowId, { input: { n: 5 }, version: 1 }, { query: "?wait=true" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "completed", output: 11, version: 1 });
  });

  it("answers 404 for another team's workflow or an unknown version, and starts nothing", async () => {
    const before = await kit.runCount();
    expect(await errorOf(await startRun(otherWorkflowId, { input: { n: 1 } }), 404)).toEqual({ code: "NOT_FOUND", message: "workflow not found" });
    expect(await errorOf(await startRun("no-such-workflow", { input: { n: 1 } }), 404)).toEqual({ code: "NOT_FOUND", message: "workflow not found" });
    expect((await errorOf(await startRun(workflowId, { input: { n: 1 }, version: 7 }), 404)).message).toBe('version 7 of workflow "doubling" not found');
    expect(await kit.runCount()).toBe(before);
  });

  it("refuses a bad body (400), a schema violation (400 with the paths), an input over 1 MB (413), and starts nothing", async () => {
    const before = await kit.runCount();
    const unknownField = await errorOf(await startRun(workflowId, { input: { n: 1 }, priority: "high" }), 400);
    expect(unknownField).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "", message: expect.stringContaining("priority") }] });
    expect((await errorOf(await startRun(workflowId, "{"), 400)).code).toBe("INVALID_JSON");
    const invalid = await errorOf(await startRun(workflowId, { input: { n: "one" } }), 400);
    expect(invalid).toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "input.n", message: "must be number" }] });
    const big = await errorOf(await startRun(workflowId, { input: { n: 1, padding: "é".repeat(500_100) } }), 413);
    expect(big).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("the limit is 1000000 bytes") });
    expect(await kit.runCount()).toBe(before);
  });
});

describe("GET /api/v1/runs/{runId} and /api/v1/runs", () => {
  it("reads a run of the key's team with its steps; another team's run is 404", async () => {
    const { runId } = (await (await startRun(workflowId, { input: { n: 2 } }, { query: "?wait=true" })).json()) as { runId: string };
    const response = await getRun(runId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: runId,
      status: "completed",
      workflowId,
      version: 1,
      input: { n: 2 },
      output: 5,
      error: null,
      steps: [
        { stepId: "double", status: "completed", output: 4 },
        { stepId: "add_one", status: "completed", output: 5 },
      ],
    });
    expect(await errorOf(await getRun(runId, otherKey), 404)).toEqual({ code: "NOT_FOUND", message: "run not found" });
    expect((await errorOf(await getRun("nope"), 404)).code).toBe("NOT_FOUND");
  });

  it("lists the team's runs newest first, filtered, one page at a time", async () => {
    const started: string[] = [];
    for (let n = 0; n < 3; n++) started.push(((await (await startRun(workflowId, { input: { n } }, { query: "?wait=true" })).json()) as { runId: string }).runId);
    const all = (await (await listRuns(`?workflowId=${workflowId}&limit=100`)).json()) as { items: { id: string; createdAt: string }[]; nextCursor: string | null };
    expect(all.nextCursor).toBeNull();
    expect(all.items.slice(0, 3).map((run) => run.id)).toEqual([...started].reverse());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await listRuns(`?workflowId=${workflowId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json()) as typeof all;
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((run) => run.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((run) => run.id));
    const completed = (await (await listRuns("?status=completed,failed")).json()) as typeof all;
    expect(completed.items.length).toBe(all.items.length);
    const theirs = (await (await listRuns("", otherKey)).json()) as typeof all;
    expect(theirs.items).toEqual([]);
  });

  it("pages with the same cursors as the designer's runs list: one read model, one cursor format", async () => {
    for (let n = 0; n < 3; n++) await startRun(workflowId, { input: { n } }, { query: "?wait=true" });
    const rest = async (cursor?: string) => (await (await listRuns(`?workflowId=${workflowId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json()) as { items: { id: string }[]; nextCursor: string | null };
    const trpc = (cursor?: string) => kit.callerFor(editor).runs.list({ workflowId, limit: 2, cursor });
    const first = await trpc();
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await rest(first.nextCursor!);
    expect(second.items.map((run) => run.id)).toEqual((await trpc(first.nextCursor!)).items.map((run) => run.id));
    expect((await trpc(second.nextCursor!)).items.map((run) => run.id)).toEqual((await rest(second.nextCursor!)).items.map((run) => run.id));
  });

  it("refuses a bad query with 400 and the field's issue", async () => {
    expect(await errorOf(await listRuns("?status=done"), 400)).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "status[0]" }] });
    expect(await errorOf(await listRuns("?limit=500"), 400)).toMatchObject({ issues: [{ path: "limit" }] });
    expect(await errorOf(await listRuns("?cursor=zzz"), 400)).toMatchObject({ issues: [{ path: "cursor", message: "cursor is not one this listing returned" }] });
  });
});
