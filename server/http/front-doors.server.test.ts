// Requests built to exhaust the real server (`next start`) at its doors, on SQLite and PostgreSQL:
// a 200 MB tRPC body, JSON nested 100,000 deep on every door, ten concurrent starts under one
// Idempotency-Key, a webhook token past its rate limit. Each is refused (or deduplicated) as
// stated, the server answers throughout, nothing else changes, and a restart comes up healthy.
import { describe, expect, it } from "vitest";
import {
  callWebhook,
  createLiveDatabases,
  expectAnsweredThroughout,
  expectOnlyTheseRuns,
  expectRestartKeepsData,
  measureRssDuring,
  postStreamed,
  probeHealthDuring,
  request,
  startRunOverRest,
  type LiveServer,
  type LiveSession,
  useLiveServer,
} from "../testing/live-server";

const hugeBodyBytes = 200 * 1024 * 1024;
/** Ten requests share one token in the idempotency test: the limit lets exactly those through. */
const webhookRateLimit = { requests: 10, seconds: 60 };
const deepJson = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const tooDeep = "JSON is nested deeper than 64 levels";
const noop = { steps: [{ id: "a", type: "noop" }] };

describe.each(await createLiveDatabases())("attacks on the request doors on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession;
  let workflowId: string;

  useLiveServer(database, { env: { ORKA_WEBHOOK_RATE_LIMIT: `${webhookRateLimit.requests}/${webhookRateLimit.seconds}s` } }, async (live) => {
    ({ server, owner } = live);
    workflowId = await owner.publishWorkflow(noop, "doors");
  });

  it.skipIf(!database).each([
    ["chunked, its length unknown", false],
    ["with its length declared", true],
  ])("a 200 MB tRPC body, signed in, %s: 413, and the server's memory grows far less than the body", async (_how, declareLength) => {
    const before = await server.database.counts();
    const send = postStreamed(`${server.url}/api/trpc/workflows.create`, {
      bodyBytes: hugeBodyBytes,
      prefix: '{"json":{"name":"',
      declareLength,
      headers: { cookie: owner.cookie, origin: server.url },
    });
    const { result, probe } = await probeHealthDuring(server, measureRssDuring(server.pid!, send));
    expectAnsweredThroughout(probe);

    const { result: answer, rss } = result;
    const error = (answer.body as TrpcErrorBody).error?.json;
    expect([answer.status, error?.data?.code, error?.message]).toEqual([413, "PAYLOAD_TOO_LARGE", "the body is larger than the limit of 2000000 bytes (ORKA_TRPC_MAX_BODY_BYTES)"]);
    const seen = `sent ${mb(answer.sentBytes)} before the answer; the server's memory grew ${mb(rss.growthBytes)} (from ${mb(rss.beforeBytes)})`;
    expect(answer.sentBytes, seen).toBeLessThan(hugeBodyBytes / 10);
    expect(rss.growthBytes, seen).toBeLessThan(hugeBodyBytes / 6);
    expect(await server.database.counts()).toEqual(before);
  });

  it.skipIf(!database)("JSON nested 100,000 deep on tRPC, a webhook and the REST start: 400 with the stated message, nothing started", async () => {
    const hook = await owner.createWebhook(workflowId);
    const apiKey = await owner.createApiKey();
    const before = await server.database.counts();
    const attack = Promise.all([
      request<TrpcErrorBody>(`${server.url}/api/trpc/workflows.create`, { method: "POST", body: `{"json":${deepJson}}`, headers: { cookie: owner.cookie, origin: server.url } }),
      request<RestErrorBody>(`${server.url}${hook}`, { method: "POST", body: deepJson }),
      request<RestErrorBody>(`${server.url}/api/v1/workflows/${workflowId}/runs`, { method: "POST", body: `{"input":${deepJson}}`, headers: { authorization: `Bearer ${apiKey}` } }),
    ]);
    const { result, probe } = await probeHealthDuring(server, attack);
    expectAnsweredThroughout(probe);

    const [trpc, webhook, rest] = result;
    expect([trpc.status, trpc.body.error?.json.data?.code, trpc.body.error?.json.message]).toEqual([400, "BAD_REQUEST", tooDeep]);
    expect([webhook.status, webhook.body]).toEqual([400, { error: { code: "JSON_TOO_DEEP", message: tooDeep } }]);
    expect([rest.status, rest.body]).toEqual([400, { error: { code: "JSON_TOO_DEEP", message: tooDeep } }]);
    expect(await server.database.counts()).toEqual(before);
  });

  it.skipIf(!database)("10 concurrent webhook calls and 10 concurrent REST starts, each ten with one Idempotency-Key: one run each, every answer with its runId", async () => {
    const hook = await owner.createWebhook(workflowId);
    const apiKey = await owner.createApiKey();
    const headers = { "idempotency-key": `attack-${Date.now()}` };
    const before = await server.database.counts();
    const attack = Promise.all([
      Promise.all(Array.from({ length: 10 }, () => callWebhook(server, hook, { n: 1 }, headers))),
      Promise.all(Array.from({ length: 10 }, () => startRunOverRest(server, apiKey, workflowId, { n: 1 }, headers))),
    ]);
    const { result, probe } = await probeHealthDuring(server, attack);
    expectAnsweredThroughout(probe);

    const runIds: string[] = [];
    for (const [answers, started] of [[result[0], 202], [result[1], 201]] as const) {
      expect(answers.map((answer) => answer.status), JSON.stringify(answers.map((answer) => answer.body))).toEqual(Array(10).fill(started));
      const ids = new Set(answers.map((answer) => answer.body.runId));
      expect(ids.size).toBe(1);
      expect(answers.filter((answer) => answer.headers.get("idempotent-replayed") === "true")).toHaveLength(9);
      runIds.push(answers[0]!.body.runId!);
    }
    expect(await server.database.number("SELECT count(*) FROM runs WHERE id IN (?, ?)", runIds)).toBe(2);
    await Promise.all(runIds.map((runId) => server.database.waitForRunStatus(runId, ["completed"])));
    await expectOnlyTheseRuns(server, before, runIds, { audit_events: 2, idempotency_keys: 2 });
  });

  it.skipIf(!database)(`a webhook token past its limit (${webhookRateLimit.requests} a minute): 429 with Retry-After, no run started; another token unaffected`, async () => {
    const flooded = await owner.createWebhook(workflowId);
    const other = await owner.createWebhook(await owner.publishWorkflow(noop, "other"));
    const before = await server.database.counts();
    const attack = async () => {
      const answers = [];
      for (let call = 0; call < webhookRateLimit.requests + 2; call++) answers.push(await callWebhook(server, flooded, { call }));
      return { answers, other: await callWebhook(server, other, {}) };
    };
    const { result, probe } = await probeHealthDuring(server, attack());
    expectAnsweredThroughout(probe);

    const statuses = result.answers.map((answer) => answer.status);
    expect(statuses).toEqual([...Array(webhookRateLimit.requests).fill(202), 429, 429]);
    for (const refused of result.answers.slice(webhookRateLimit.requests)) {
      expect(refused.body.error?.code).toBe("RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(webhookRateLimit.seconds);
    }
    expect(result.other.status).toBe(202);
    const runIds = [...result.answers.slice(0, webhookRateLimit.requests), result.other].map((answer) => answer.body.runId!);
    await Promise.all(runIds.map((runId) => server.database.waitForRunStatus(runId, ["completed"])));
    await expectOnlyTheseRuns(server, before, runIds, { audit_events: runIds.length });
  });

  it.skipIf(!database)("a restart comes up healthy with the same rows", async () => {
    await expectRestartKeepsData(server);
  });
});

interface TrpcErrorBody {
  error?: { json: { message: string; data?: { code?: string } } };
}

interface RestErrorBody {
  error?: { code: string; message: string };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
