import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpDeps } from "@/server/http/deps";
import { failingDefinition } from "@/server/api/routers/runs/runs-test-kit";
import { createRequestRateLimiter } from "@/server/http/rate-limiter";
import { hashSecret } from "@/server/triggers/secrets";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";
import { engineOff } from "@/server/engine-host/engine-off";
import { createCommandRelay } from "@/server/engine-host/run-commands/relay";
import { openApiDocument } from "./document";
import { responseChecker } from "./openapi-test-kit";

// Every operation's real answers, from the route modules as Next loads them, on the real database
// and engine, checked against the generated document: a handler that drifts from it fails here.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
/** Credentials already over their rate limit: a key and a webhook token of team A. */
const throttled = new Set<string>();
const overLimit = createRequestRateLimiter({ webhook: { requests: 1, seconds: 3600 }, api: { requests: 1, seconds: 3600 } });
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");
const runRoute = await import("@/app/api/v1/runs/[runId]/route");
const redriveRoute = await import("@/app/api/v1/runs/[runId]/redrive/route");
const runsRoute = await import("@/app/api/v1/runs/route");
const hookRoute = await import("@/app/api/hooks/[token]/route");
const documentRoute = await import("@/app/api/v1/openapi.json/route");

const checkResponse = responseChecker(openApiDocument);

let kit: TriggersTestKit;
/** Team A: a published doubling workflow with a webhook, a published failing one, a draft-only one with a webhook. */
const a = { key: "", workflowId: "", failingId: "", draftId: "", token: "", draftToken: "", runId: "", failedRunId: "", redriveRunId: "", throttledKey: "", throttledToken: "" };
let otherKey: string;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = {
    ...kit.deps,
    rateLimiter: { consume: (door, credential) => (throttled.has(credential) ? overLimit.consume(door, credential) : Promise.resolve()) },
  };
  const { editor, workflowId } = await kit.teamWithWorkflow("Documented");
  const caller = kit.callerFor(editor);
  a.workflowId = workflowId;
  a.key = (await caller.triggers.createApiKey({ name: "CI" })).key;
  a.token = (await caller.triggers.rotateWebhook({ workflowId })).token;
  a.failingId = await kit.publishedWorkflow(editor, "failing", failingDefinition);
  a.draftId = (await caller.workflows.create({ name: "draft_only" })).id;
  a.draftToken = (await caller.triggers.rotateWebhook({ workflowId: a.draftId })).token;
  a.runId = (await caller.runs.start({ workflowId, input: { n: 1 } })).runId;
  a.failedRunId = (await caller.runs.start({ workflowId: a.failingId })).runId;
  a.redriveRunId = (await caller.runs.start({ workflowId: a.failingId })).runId;
  await Promise.all([kit.engine.waitForRun(a.runId), kit.engine.waitForRun(a.failedRunId), kit.engine.waitForRun(a.redriveRunId)]);
  const throttledKey = await caller.triggers.createApiKey({ name: "busy" });
  a.throttledKey = throttledKey.key;
  a.throttledToken = (await caller.triggers.rotateWebhook({ workflowId: a.failingId })).token;
  for (const credential of [`api-key:${throttledKey.id}`, `webhook:${hashSecret(a.throttledToken)}`]) {
    throttled.add(credential);
    await overLimit.consume(credential.startsWith("api-key:") ? "api" : "webhook", credential);
  }
  const other = await kit.teamWithWorkflow("Elsewhere");
  otherKey = (await kit.callerFor(other.editor).triggers.createApiKey({ name: "theirs" })).key;
});

afterAll(() => kit.cleanup());

const url = (path: string) => `http://orka.test${path}`;
const bearer = (key: string | null): Record<string, string> => (key === null ? {} : { authorization: `Bearer ${key}` });
const oversized = { n: 1, padding: "x".repeat(1_000_100) };

function startRun(workflowId: string, init: { key?: string | null; query?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { key = a.key, query = "", headers = { "content-type": "application/json" }, body = JSON.stringify({ input: { n: 1 } }) } = init;
  const request = new Request(url(`/api/v1/workflows/${workflowId}/runs${query}`), { method: "POST", headers: { ...headers, ...bearer(key) }, body });
  return startRoute.POST(request, { params: Promise.resolve({ workflowId }) });
}

function hook(token: string, init: { query?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { query = "", headers = { "content-type": "application/json" }, body = JSON.stringify({ n: 1 }) } = init;
  const request = new Request(url(`/api/hooks/${token}${query}`), { method: "POST", headers, body });
  return hookRoute.POST(request, { params: Promise.resolve({ token }) });
}

const getRun = (runId: string, key: string | null = a.key) => runRoute.GET(new Request(url(`/api/v1/runs/${runId}`), { headers: bearer(key) }), { params: Promise.resolve({ runId }) });
function redrive(runId: string, init: { key?: string | null; headers?: Record<string, string>; body?: string } = {}) {
  const { key = a.key, headers = { "content-type": "application/json" }, body = "" } = init;
  const request = new Request(url(`/api/v1/runs/${runId}/redrive`), { method: "POST", headers: { ...headers, ...bearer(key) }, body });
  return redriveRoute.POST(request, { params: Promise.resolve({ runId }) });
}
const listRuns = (query: string, key: string | null = a.key) => runsRoute.GET(new Request(url(`/api/v1/runs${query}`), { headers: bearer(key) }));

/** Calls `send` with the deps of a server with ORKA_ENGINE=off whose forwarded actions no engine takes (there is no worker). */
async function withEngineOff(send: () => Promise<Response>): Promise<Response> {
  const deps = injected.deps!;
  const relay = createCommandRelay({ db: kit.db, provider: "sqlite", timeoutMs: 50 });
  injected.deps = { ...deps, getEngine: async () => engineOff(kit.engine, kit.store, relay) };
  try {
    return await send();
  } finally {
    injected.deps = deps;
  }
}

/** Sends `first` (expecting `firstStatus`), then `second` with the same Idempotency-Key: the second answer is the case's. */
async function startTwice(send: (body: string) => Promise<Response>, firstStatus: number, [first, second]: [unknown, unknown]): Promise<Response> {
  expect((await send(JSON.stringify(first))).status).toBe(firstStatus);
  return send(JSON.stringify(second));
}

interface Case {
  operationId: string;
  name: string;
  status: number;
  call(): Promise<Response>;
}

const cases: Case[] = [
  { operationId: "startRun", name: "started", status: 201, call: () => startRun(a.workflowId) },
  { operationId: "startRun", name: "started without a body", status: 201, call: () => startRun(a.failingId, { headers: {}, body: "" }) },
  { operationId: "startRun", name: "waited for, completed", status: 200, call: () => startRun(a.workflowId, { query: "?wait=true" }) },
  { operationId: "startRun", name: "waited for, failed with an error", status: 200, call: () => startRun(a.failingId, { query: "?wait=true", body: "{}" }) },
  { operationId: "startRun", name: "an unknown field", status: 400, call: () => startRun(a.workflowId, { body: JSON.stringify({ input: {}, priority: 1 }) }) },
  { operationId: "startRun", name: "not JSON", status: 400, call: () => startRun(a.workflowId, { body: "{" }) },
  { operationId: "startRun", name: "a bad timeout", status: 400, call: () => startRun(a.workflowId, { query: "?wait=true&timeout=soon" }) },
  { operationId: "startRun", name: "no key", status: 401, call: () => startRun(a.workflowId, { key: null }) },
  { operationId: "startRun", name: "another team's key", status: 404, call: () => startRun(a.workflowId, { key: otherKey }) },
  { operationId: "startRun", name: "an unknown version", status: 404, call: () => startRun(a.workflowId, { body: JSON.stringify({ version: 9 }) }) },
  { operationId: "startRun", name: "nothing published", status: 409, call: () => startRun(a.draftId) },
  { operationId: "startRun", name: "an input over 1 MB", status: 413, call: () => startRun(a.workflowId, { body: JSON.stringify({ input: oversized }) }) },
  { operationId: "startRun", name: "a body not declared JSON", status: 415, call: () => startRun(a.workflowId, { headers: { "content-type": "text/plain" } }) },
  { operationId: "startRun", name: "an input the workflow refuses", status: 400, call: () => startRun(a.workflowId, { body: JSON.stringify({ input: { n: "one" } }) }) },
  { operationId: "startRun", name: "an Idempotency-Key seen before", status: 201, call: () => startTwice((body) => startRun(a.workflowId, { headers: { "content-type": "application/json", "idempotency-key": "rest-once" }, body }), 201, [{ input: { n: 1 } }, { input: { n: 1 } }]) },
  { operationId: "startRun", name: "a key over its rate limit", status: 429, call: () => startRun(a.workflowId, { key: a.throttledKey }) },
  { operationId: "startRun", name: "an Idempotency-Key reused for another input", status: 422, call: () => startTwice((body) => startRun(a.workflowId, { headers: { "content-type": "application/json", "idempotency-key": "rest-reused" }, body }), 201, [{ input: { n: 1 } }, { input: { n: 2 } }]) },

  { operationId: "listRuns", name: "a page with a next cursor", status: 200, call: () => listRuns("?limit=1") },
  { operationId: "listRuns", name: "the last page, filtered", status: 200, call: () => listRuns(`?workflowId=${a.failingId}&status=failed,completed&limit=100`) },
  { operationId: "listRuns", name: "an unknown status", status: 400, call: () => listRuns("?status=done") },
  { operationId: "listRuns", name: "an unknown parameter", status: 400, call: () => listRuns("?sort=oldest") },
  { operationId: "listRuns", name: "a revoked or unknown key", status: 401, call: () => listRuns("", "orka_unknown") },
  { operationId: "listRuns", name: "a key over its rate limit", status: 429, call: () => listRuns("", a.throttledKey) },

  { operationId: "redriveRun", name: "a dry run", status: 200, call: () => redrive(a.failedRunId, { body: JSON.stringify({ dryRun: true }) }) },
  { operationId: "redriveRun", name: "a failed run on the latest version", status: 200, call: () => redrive(a.redriveRunId, { body: JSON.stringify({ reason: "fixed upstream" }) }) },
  { operationId: "redriveRun", name: "an unknown field", status: 400, call: () => redrive(a.failedRunId, { body: JSON.stringify({ versoin: 2 }) }) },
  { operationId: "redriveRun", name: "no key", status: 401, call: () => redrive(a.failedRunId, { key: null }) },
  { operationId: "redriveRun", name: "another team's run", status: 404, call: () => redrive(a.failedRunId, { key: otherKey }) },
  { operationId: "redriveRun", name: "a version that does not exist", status: 404, call: () => redrive(a.failedRunId, { body: JSON.stringify({ version: 99 }) }) },
  { operationId: "redriveRun", name: "a completed run", status: 409, call: () => redrive(a.runId) },
  { operationId: "redriveRun", name: "a body not declared as JSON", status: 415, call: () => redrive(a.failedRunId, { headers: { "content-type": "text/plain" }, body: "{}" }) },
  { operationId: "redriveRun", name: "a key over its rate limit", status: 429, call: () => redrive(a.failedRunId, { key: a.throttledKey }) },
  { operationId: "redriveRun", name: "no engine took it in time (ORKA_ENGINE=off, no worker)", status: 503, call: () => withEngineOff(() => redrive(a.failedRunId)) },
  { operationId: "getRun", name: "a completed run", status: 200, call: () => getRun(a.runId) },
  { operationId: "getRun", name: "a failed run, a step never run", status: 200, call: () => getRun(a.failedRunId) },
  { operationId: "getRun", name: "no key", status: 401, call: () => getRun(a.runId, null) },
  { operationId: "getRun", name: "another team's run", status: 404, call: () => getRun(a.runId, otherKey) },
  { operationId: "getRun", name: "an id no run can have", status: 404, call: () => getRun("x".repeat(101)) },
  { operationId: "getRun", name: "a key over its rate limit", status: 429, call: () => getRun(a.runId, a.throttledKey) },

  { operationId: "getOpenApiDocument", name: "the document", status: 200, call: async () => documentRoute.GET() },

  { operationId: "triggerWebhook", name: "started", status: 202, call: () => hook(a.token) },
  { operationId: "triggerWebhook", name: "waited for", status: 200, call: () => hook(a.token, { query: "?wait=1&timeout=20" }) },
  { operationId: "triggerWebhook", name: "not JSON", status: 400, call: () => hook(a.token, { body: "{ n: 1" }) },
  { operationId: "triggerWebhook", name: "a bad wait", status: 400, call: () => hook(a.token, { query: "?wait=soon" }) },
  { operationId: "triggerWebhook", name: "an unknown token", status: 404, call: () => hook("A".repeat(43)) },
  { operationId: "triggerWebhook", name: "nothing published", status: 409, call: () => hook(a.draftToken) },
  { operationId: "triggerWebhook", name: "a body over 1 MB", status: 413, call: () => hook(a.token, { body: JSON.stringify(oversized) }) },
  { operationId: "triggerWebhook", name: "a body not declared JSON", status: 415, call: () => hook(a.token, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "n=1" }) },
  { operationId: "triggerWebhook", name: "an input the workflow refuses", status: 400, call: () => hook(a.token, { body: JSON.stringify({ n: "one" }) }) },
  { operationId: "triggerWebhook", name: "an Idempotency-Key seen before", status: 202, call: () => startTwice((body) => hook(a.token, { headers: { "content-type": "application/json", "idempotency-key": "hook-once" }, body }), 202, [{ n: 1 }, { n: 1 }]) },
  { operationId: "triggerWebhook", name: "a token over its rate limit", status: 429, call: () => hook(a.throttledToken) },
  { operationId: "triggerWebhook", name: "an Idempotency-Key reused for another input", status: 422, call: () => startTwice((body) => hook(a.token, { headers: { "content-type": "application/json", "idempotency-key": "hook-reused" }, body }), 202, [{ n: 1 }, { n: 2 }]) },
];

describe("every answer matches the generated OpenAPI document", () => {
  it("has a case for every documented answer of every operation", () => {
    const documented = Object.values(openApiDocument.paths).flatMap((methods) =>
      Object.values(methods).flatMap(({ operationId, responses }) => Object.keys(responses).map((status) => `${operationId} ${status}`)),
    );
    expect([...new Set(cases.map((c) => `${c.operationId} ${c.status}`))].sort()).toEqual(documented.sort());
  });

  it.each(cases)("$operationId: $name ($status)", async ({ operationId, status, call }) => {
    const response = await call();
    expect(response.status).toBe(status);
    await checkResponse(operationId, response);
  });
});
