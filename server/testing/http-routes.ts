import { afterAll } from "vitest";
import * as hookRoute from "@/app/api/hooks/[token]/route";
import * as startRoute from "@/app/api/v1/workflows/[workflowId]/runs/route";
import { openHttpTestWorld, type HttpTestWorld, type Provider } from "@/server/http/http-test-world";

/**
 * The HTTP test world of each database for one test file, closed after all its tests (the `afterAll`
 * is registered here: call it at the top level). The routes below take their database and engine
 * from `@/server/http/app-deps`, which each test file mocks itself (`vi.mock` is hoisted per file):
 *
 * @example
 * const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
 * vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
 * const worlds = await openHttpTestWorlds();
 * // in beforeAll: injected.deps = worlds.sqlite!.deps;
 */
export async function openHttpTestWorlds(): Promise<Record<Provider, HttpTestWorld | null>> {
  const worlds = { sqlite: await openHttpTestWorld("sqlite"), postgres: await openHttpTestWorld("postgres") };
  afterAll(async () => {
    for (const world of Object.values(worlds)) await world?.close();
  });
  return worlds;
}

interface RouteRequest {
  /** The JSON body, as sent. */
  body: unknown;
  /** Appended to the path: "?wait=true". */
  query?: string;
  /** Sent as the `Idempotency-Key` header. */
  idempotencyKey?: string | null;
}

/** POST /api/hooks/{token}, through the route as Next loads it. */
export function postWebhook(token: string, { body, query = "", idempotencyKey = null }: RouteRequest): Promise<Response> {
  return hookRoute.POST(new Request(`http://orka.test/api/hooks/${token}${query}`, post(body, {}, idempotencyKey)), { params: Promise.resolve({ token }) });
}

/** POST /api/v1/workflows/{workflowId}/runs with an API key, through the route as Next loads it. */
export function postRunStart(apiKey: string, workflowId: string, { body, query = "", idempotencyKey = null }: RouteRequest): Promise<Response> {
  return startRoute.POST(new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs${query}`, post(body, { authorization: `Bearer ${apiKey}` }, idempotencyKey)), {
    params: Promise.resolve({ workflowId }),
  });
}

function post(body: unknown, headers: Record<string, string>, idempotencyKey: string | null): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", ...headers, ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
    body: JSON.stringify(body),
  };
}
