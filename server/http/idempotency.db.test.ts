import { beforeAll, describe, expect, it, vi } from "vitest";
import { openHttpTestWorlds, postRunStart, postWebhook } from "@/server/testing/http-routes";
import type { HttpDeps } from "./deps";
import type { HttpTestWorld } from "./http-test-world";
import { claimIdempotencyKey, fingerprintOf } from "./idempotency";

// The webhook and REST start routes as Next loads them, on SQLite and on PostgreSQL.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const worlds = await openHttpTestWorlds();

interface Answer {
  status: number;
  runId?: string;
  replayed: boolean;
  error?: { code: string; message: string };
  output?: unknown;
}

async function answerOf(response: Response): Promise<Answer> {
  const body = (await response.json()) as { runId?: string; output?: unknown; error?: { code: string; message: string } };
  return { status: response.status, runId: body.runId, replayed: response.headers.get("idempotent-replayed") === "true", error: body.error ?? undefined, output: body.output };
}

describe.each(["sqlite", "postgres"] as const)("Idempotency-Key on %s", (provider) => {
  const world = worlds[provider]!;
  let team: Awaited<ReturnType<HttpTestWorld["team"]>>;
  let other: typeof team;

  beforeAll(async () => {
    injected.deps = world.deps;
    team = await world.team("Retrying");
    other = await world.team("Elsewhere");
  });

  const hook = (token: string, key: string | null, input: unknown) => postWebhook(token, { body: input, idempotencyKey: key });
  const rest = (apiKey: string, workflowId: string, key: string | null, body: unknown) => postRunStart(apiKey, workflowId, { body, idempotencyKey: key });

  it.skipIf(!worlds[provider])("10 parallel webhook requests with one key start one run, and every answer carries its id", async () => {
    const before = await world.runCount();
    const answers = await Promise.all(Array.from({ length: 10 }, () => hook(team.token, "order-1001", { n: 4 }).then(answerOf)));
    expect(await world.runCount()).toBe(before + 1);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([202]));
    const runId = answers[0]!.runId!;
    expect(answers.every((answer) => answer.runId === runId)).toBe(true);
    expect(answers.filter((answer) => answer.replayed)).toHaveLength(9);
    expect((await world.engine.waitForRun(runId)).run).toMatchObject({ status: "completed", output: 9 });
  });

  it.skipIf(!worlds[provider])("10 parallel REST requests with one key start one run; a later retry gets it too, waited for", async () => {
    const before = await world.runCount();
    const answers = await Promise.all(Array.from({ length: 10 }, () => rest(team.key, team.workflowId, "batch-7", { input: { n: 1 } }).then(answerOf)));
    expect(await world.runCount()).toBe(before + 1);
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((answer) => answer.runId)).size).toBe(1);
    const retried = await answerOf(await postRunStart(team.key, team.workflowId, { body: { input: { n: 1 } }, query: "?wait=true", idempotencyKey: "batch-7" }));
    expect(retried).toMatchObject({ status: 200, runId: answers[0]!.runId, replayed: true, output: 3 });
    expect(await world.runCount()).toBe(before + 1);
  });

  it.skipIf(!worlds[provider])("scopes a key to its credential: another webhook token or API key starts its own run", async () => {
    const before = await world.runCount();
    const mine = await answerOf(await hook(team.token, "shared-key", { n: 2 }));
    const theirs = await answerOf(await hook(other.token, "shared-key", { n: 2 }));
    const viaKey = await answerOf(await rest(team.key, team.workflowId, "shared-key", { input: { n: 2 } }));
    expect(new Set([mine.runId, theirs.runId, viaKey.runId]).size).toBe(3);
    expect(await world.runCount()).toBe(before + 3);
  });

  it.skipIf(!worlds[provider])("refuses a key reused with a different request (422) and starts nothing", async () => {
    await hook(team.token, "order-2002", { n: 5 });
    const before = await world.runCount();
    const reused = await answerOf(await hook(team.token, "order-2002", { n: 6 }));
    expect(reused.status).toBe(422);
    expect(reused.error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", message: expect.stringContaining("different request") });
    const otherWorkflow = await answerOf(await rest(team.key, other.workflowId, "order-2002", { input: { n: 5 } }));
    expect(otherWorkflow.status).toBe(404);
    expect(await world.runCount()).toBe(before);
  });

  it.skipIf(!worlds[provider])("releases the key of a refused start, so the corrected request can use it", async () => {
    const before = await world.runCount();
    const refused = await answerOf(await hook(team.token, "order-3003", { n: "three" }));
    expect(refused).toMatchObject({ status: 400, error: { code: "INVALID_INPUT" } });
    const corrected = await answerOf(await hook(team.token, "order-3003", { n: 3 }));
    expect(corrected).toMatchObject({ status: 202, replayed: false });
    expect(await world.runCount()).toBe(before + 1);
  });

  it.skipIf(!worlds[provider])("refuses a malformed key with 400", async () => {
    const tooLong = await answerOf(await hook(team.token, "k".repeat(256), { n: 1 }));
    expect(tooLong).toMatchObject({ status: 400, error: { code: "BAD_REQUEST", message: expect.stringContaining("Idempotency-Key") } });
  });

  it.skipIf(!worlds[provider])("takes over a claim whose request died before its run started; answers 409 while one is still starting", async () => {
    const request = { credential: "api-key:test", key: "abandoned", fingerprint: fingerprintOf(["w", null, {}]) };
    const past = Date.now() - 120_000;
    const first = await claimIdempotencyKey(world.db, world.engine, request, () => past);
    expect(first.kind).toBe("claimed");
    const taken = await claimIdempotencyKey(world.db, world.engine, request);
    expect(taken.kind).toBe("claimed");
    // Now a fresh claim with no run yet: a repeat waits for it, and gives up after 10 s of (fake) time.
    let clock = Date.now();
    const waiting = claimIdempotencyKey(world.db, world.engine, request, () => (clock += 3_000));
    await expect(waiting).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE" });
  });

  it.skipIf(!worlds[provider])("starts a new run for a key older than 24 hours, and prunes expired keys", async () => {
    const before = await world.runCount();
    const first = await answerOf(await hook(team.token, "order-4004", { n: 1 }));
    await world.db.$executeRaw`UPDATE idempotency_keys SET created_at_ms = ${BigInt(Date.now() - 25 * 3_600_000)} WHERE "key" = 'order-4004'`;
    const again = await answerOf(await hook(team.token, "order-4004", { n: 1 }));
    expect(again).toMatchObject({ status: 202, replayed: false });
    expect(again.runId).not.toBe(first.runId);
    expect(await world.runCount()).toBe(before + 2);
    const dayAfter = Date.now() + 25 * 3_600_000;
    await claimIdempotencyKey(world.db, world.engine, { credential: "api-key:test", key: "tomorrow", fingerprint: "f" }, () => dayAfter);
    const left = await world.db.$queryRaw<{ key: string }[]>`SELECT "key" FROM idempotency_keys`;
    expect(left.map((row) => row.key)).toEqual(["tomorrow"]);
  });
});
