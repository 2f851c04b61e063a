import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openHttpTestWorlds, postRunStart, postWebhook } from "@/server/testing/http-routes";
import type { HttpDeps } from "./deps";
import type { HttpTestWorld, Provider } from "./http-test-world";
import { createRequestRateLimiter, type RequestRateLimiter } from "./rate-limiter";

// The webhook and REST routes as Next loads them, behind real limiters: in memory on SQLite, in
// the database on PostgreSQL (where several servers share one count).
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const runsRoute = await import("@/app/api/v1/runs/route");

const worlds = await openHttpTestWorlds();
const pool = worlds.postgres && new pg.Pool({ connectionString: worlds.postgres.postgresUrl!, max: 2 });
afterAll(async () => {
  await pool?.end();
});

const threePerHour = { webhook: { requests: 3, seconds: 3600 }, api: { requests: 3, seconds: 3600 } };
const limiterOn = (provider: Provider): RequestRateLimiter => createRequestRateLimiter(threePerHour, provider === "postgres" ? pool! : undefined);

const hook = (token: string) => postWebhook(token, { body: { n: 1 } });
const startRun = (key: string, workflowId: string) => postRunStart(key, workflowId, { body: { input: { n: 1 } } });
const listRuns = (key: string) => runsRoute.GET(new Request("http://orka.test/api/v1/runs", { headers: { authorization: `Bearer ${key}` } }));

async function expectThrottled(response: Response, what: string) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(response.headers.get("ratelimit-limit")).toBe("3");
  expect(response.headers.get("ratelimit-remaining")).toBe("0");
  expect(response.headers.get("ratelimit-policy")).toBe("3;w=3600");
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  expect(error).toEqual({ code: "RATE_LIMITED", message: `too many requests with ${what}: at most 3 per 3600 s; retry in ${retryAfter} s` });
}

describe.each(["sqlite", "postgres"] as const)("rate limits on %s", (provider) => {
  const world = worlds[provider]!;
  let teams: Awaited<ReturnType<HttpTestWorld["team"]>>[];

  beforeAll(async () => {
    if (!world) return;
    injected.deps = { ...world.deps, rateLimiter: limiterOn(provider) };
    teams = [await world.team("Busy"), await world.team("Quiet")];
  });

  it.skipIf(!worlds[provider])("answer a webhook token over its limit 429 with Retry-After, start nothing, and leave another token alone", async () => {
    const [busy, quiet] = teams;
    for (let i = 0; i < 3; i++) expect((await hook(busy!.token)).status).toBe(202);
    const before = await world.runCount();
    await expectThrottled(await hook(busy!.token), "this webhook token");
    expect(await world.runCount()).toBe(before);
    expect((await hook(quiet!.token)).status).toBe(202);
  });

  it.skipIf(!worlds[provider])("count every /api/v1 call of an API key, and refuse its start once over, leaving another key alone", async () => {
    const [busy, quiet] = teams;
    expect((await listRuns(busy!.key)).status).toBe(200);
    expect((await startRun(busy!.key, busy!.workflowId)).status).toBe(201);
    expect((await listRuns(busy!.key)).status).toBe(200);
    const before = await world.runCount();
    await expectThrottled(await startRun(busy!.key, busy!.workflowId), "this API key");
    expect(await world.runCount()).toBe(before);
    expect((await startRun(quiet!.key, quiet!.workflowId)).status).toBe(201);
  });
});

describe.skipIf(!worlds.postgres)("rate limits in PostgreSQL", () => {
  it("are shared by every server on the database: two limiters count one credential together", async () => {
    const [serverA, serverB] = [limiterOn("postgres"), limiterOn("postgres")];
    await serverA.consume("webhook", "webhook:shared");
    await serverB.consume("webhook", "webhook:shared");
    await serverA.consume("webhook", "webhook:shared");
    await expect(serverB.consume("webhook", "webhook:shared")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const { rows } = await pool!.query<{ points: number }>("SELECT points FROM request_rate_limits WHERE key = 'webhook:webhook:shared'");
    expect(rows[0]!.points).toBe(4);
  });
});
