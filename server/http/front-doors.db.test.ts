import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import type { TRPCContext } from "@/server/api/trpc";
import type { HttpDeps } from "@/server/http/deps";
import { createTriggersTestKit, type TriggersTestKit } from "@/server/triggers/triggers-test-kit";

// The three doors a run comes in by, as Next loads their route modules: tRPC (the designer), the
// webhook and the REST API, on the real database and engine. The tRPC context is the test's
// editor instead of a session cookie's.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined, context: undefined as TRPCContext | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
vi.mock("@/server/api/trpc", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/api/trpc")>()),
  createTRPCContext: () => Promise.resolve(injected.context),
}));
const trpcRoute = await import("@/app/api/trpc/[trpc]/route");
const hookRoute = await import("@/app/api/hooks/[token]/route");
const startRoute = await import("@/app/api/v1/workflows/[workflowId]/runs/route");
const { trustedOrigins } = await import("@/server/accounts/app-auth");

let kit: TriggersTestKit;
let editor: Session;
let workflowId: string;
let token: string;
let key: string;
const origin = trustedOrigins()[0]!;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = kit.deps;
  ({ editor, workflowId } = await kit.teamWithWorkflow("Doors"));
  injected.context = kit.contextFor(editor);
  ({ token } = await kit.callerFor(editor).triggers.rotateWebhook({ workflowId }));
  ({ key } = await kit.callerFor(editor).triggers.createApiKey({ name: "CI" }));
});

afterAll(() => kit.cleanup());

type Body = BodyInit | ReadableStream<Uint8Array>;

function trpc(path: string, body: Body | null, headers: Record<string, string> = {}) {
  const init = { method: body === null ? "GET" : "POST", headers: { origin, "content-type": "application/json", ...headers }, body, duplex: "half" };
  return trpcRoute.POST(new Request(`http://orka.test/api/trpc/${path}`, init as RequestInit));
}

const startOverTRPC = (input: unknown) => trpc("runs.start", JSON.stringify(superjson.serialize({ workflowId, input })));

function hook(body: Body) {
  const request = new Request(`http://orka.test/api/hooks/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
  return hookRoute.POST(request, { params: Promise.resolve({ token }) });
}

function rest(body: Body) {
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  const request = new Request(`http://orka.test/api/v1/workflows/${workflowId}/runs`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return startRoute.POST(request, { params: Promise.resolve({ workflowId }) });
}

interface TRPCErrorBody {
  error: { json: { message: string; data: { code: string; httpStatus: number; issues?: unknown } } };
}
const trpcError = async (response: Response) => ((await response.json()) as TRPCErrorBody).error.json;
const httpError = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; issues?: unknown } }).error;

/** `total` bytes of spaces, made only as they are read; `pulled()` says how far a reader went. */
function lazyBody(total: number, chunkBytes = 64 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

const deepJson = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const megabytes = (bytes: number) => Math.round(bytes / 1e6);

describe("tRPC: bounded requests", () => {
  it("refuses a 200 MB body declared by Content-Length with 413 without reading it", async () => {
    const body = lazyBody(200e6);
    const response = await trpc("runs.start", body.stream, { "content-length": String(200e6) });
    expect(response.status).toBe(413);
    expect(await trpcError(response)).toMatchObject({ message: expect.stringContaining("larger than the limit of 2000000 bytes"), data: { code: "PAYLOAD_TOO_LARGE" } });
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("cuts a 200 MB chunked body off at the 2 MB limit: memory grows by a few MB, not 200", async () => {
    const before = process.memoryUsage().rss;
    const body = lazyBody(200e6);
    const response = await trpc("runs.start", body.stream);
    const grown = process.memoryUsage().rss - before;
    expect(response.status).toBe(413);
    expect((await trpcError(response)).data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.pulled()).toBeLessThanOrEqual(2e6 + 2 * 64 * 1024);
    expect(megabytes(grown), `RSS grew by ${megabytes(grown)} MB`).toBeLessThan(50);
  });

  it("refuses a batch of more than 50 calls with 400 and a clear message, running none of them", async () => {
    const before = await kit.runCount();
    const calls = Array.from({ length: 51 }, () => "runs.start");
    const inputs = Object.fromEntries(calls.map((_, index) => [index, superjson.serialize({ workflowId, input: { n: index } })]));
    const response = await trpc(`${calls.join(",")}?batch=1`, JSON.stringify(inputs));
    expect(response.status).toBe(400);
    const errors = (await response.json()) as TRPCErrorBody[];
    expect(errors).toHaveLength(51);
    expect(errors[0]!.error.json.message).toBe("a batch holds at most 50 calls; this one has 51: send them in several requests");
    expect(await kit.runCount()).toBe(before);
  });

  it("serves a batch of 10 calls, the most the browser's client sends", async () => {
    const calls = Array.from({ length: 10 }, () => "workflows.list");
    const response = await trpcRoute.GET(new Request(`http://orka.test/api/trpc/${calls.join(",")}?batch=1&input=${encodeURIComponent("{}")}`));
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown[]).toHaveLength(10);
  });

  it("refuses JSON nested 100,000 deep in a query's input too", async () => {
    const response = await trpcRoute.GET(new Request(`http://orka.test/api/trpc/workflows.list?input=${encodeURIComponent(deepJson(100_000))}`));
    expect(response.status).toBe(400);
    expect((await trpcError(response)).message).toBe("JSON is nested deeper than 64 levels");
  });
});

describe("all three doors", () => {
  it("answer JSON nested 100,000 deep with 400, never 500, and start nothing", async () => {
    const before = await kit.runCount();
    const viaTRPC = await trpc("runs.start", `{"json":{"workflowId":"${workflowId}","input":${deepJson(100_000)}}}`);
    expect(viaTRPC.status).toBe(400);
    expect(await trpcError(viaTRPC)).toMatchObject({ message: "JSON is nested deeper than 64 levels", data: { code: "BAD_REQUEST" } });
    const viaHook = await hook(deepJson(100_000));
    expect(viaHook.status).toBe(400);
    expect(await httpError(viaHook)).toEqual({ code: "JSON_TOO_DEEP", message: "JSON is nested deeper than 64 levels" });
    const viaRest = await rest(`{"input":${deepJson(100_000)}}`);
    expect(viaRest.status).toBe(400);
    expect((await httpError(viaRest)).code).toBe("JSON_TOO_DEEP");
    expect(await kit.runCount()).toBe(before);
  });

  it("answer input the workflow's schema refuses with 400 and the field paths, log no error, and start nothing", async () => {
    const before = await kit.runCount();
    const logged = vi.spyOn(console, "error");
    const viaTRPC = await startOverTRPC({ n: "four" });
    expect(viaTRPC.status).toBe(400);
    expect(await trpcError(viaTRPC)).toMatchObject({ message: "invalid input: input.n: must be number", data: { code: "BAD_REQUEST", issues: [{ path: "input.n", message: "must be number" }] } });
    const missing = await trpcError(await startOverTRPC({}));
    expect(missing.data.issues).toEqual([{ path: "input", message: "must have required property 'n'" }]);
    for (const response of [await hook(JSON.stringify({ n: "four" })), await rest(JSON.stringify({ input: { n: "four" } }))]) {
      expect(response.status).toBe(400);
      expect(await httpError(response)).toEqual({ code: "INVALID_INPUT", message: "invalid input: input.n: must be number", issues: [{ path: "input.n", message: "must be number" }] });
    }
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    expect(await kit.runCount()).toBe(before);
  });
});
