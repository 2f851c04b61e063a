import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpDeps } from "@/server/http/deps";
import { createTriggersTestKit, type TriggersTestKit } from "./triggers-test-kit";

// The route module as Next loads it, with the test database and engine in place of the app's.
const injected = vi.hoisted(() => ({ deps: undefined as HttpDeps | undefined }));
vi.mock("@/server/http/app-deps", () => ({ appHttpDeps: () => injected.deps }));
const { POST } = await import("@/app/api/hooks/[token]/route");

let kit: TriggersTestKit;
let token: string;
let workflowId: string;

beforeAll(async () => {
  kit = await createTriggersTestKit();
  injected.deps = kit.deps;
  const team = await kit.teamWithWorkflow("Hooks");
  workflowId = team.workflowId;
  ({ token } = await kit.callerFor(team.editor).triggers.rotateWebhook({ workflowId }));
});

afterAll(() => kit.cleanup());

function hook(tokenInPath: string, body: BodyInit | null, { query = "", contentType = "application/json" } = {}) {
  const request = new Request(`http://orka.test/api/hooks/${tokenInPath}${query}`, {
    method: "POST",
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });
  return POST(request, { params: Promise.resolve({ token: tokenInPath }) });
}

async function expectRefused(response: Response, status: number, code: string, before: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string; issues?: unknown } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(await kit.runCount()).toBe(before);
  return body.error;
}

describe("POST /api/hooks/<token>", () => {
  it("starts a run of the latest published version: 202, its id and Location", async () => {
    const response = await hook(token, JSON.stringify({ n: 4 }));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { runId: string; status: string };
    expect(body).toMatchObject({ runId: expect.any(String), status: expect.stringMatching(/^(pending|running|completed)$/), version: 1 });
    expect(response.headers.get("location")).toBe(`/api/v1/runs/${body.runId}`);
    expect((await kit.engine.waitForRun(body.runId)).run).toMatchObject({ status: "completed", output: 9, workflowId });
  });

  it("with ?wait=true answers 200 with the output once the run finishes", async () => {
    const response = await hook(token, JSON.stringify({ n: 10 }), { query: "?wait=true&timeout=5" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ runId: expect.any(String), status: "completed", output: 21 });
  });

  it("answers 404 for an unknown, malformed or rotated token, without saying more, and starts nothing", async () => {
    const before = await kit.runCount();
    const unknown = await expectRefused(await hook("A".repeat(43), "{}"), 404, "NOT_FOUND", before);
    const malformed = await expectRefused(await hook("../../etc", "{}"), 404, "NOT_FOUND", before);
    expect(malformed).toEqual(unknown);
    const editor = await kit.memberOf("editor", "Rotating");
    const rotated = await kit.publishedWorkflow(editor, "rotated", { format: "orka/v1", name: "rotated", steps: [{ id: "a", type: "noop" }], edges: [] });
    const first = await kit.callerFor(editor).triggers.rotateWebhook({ workflowId: rotated });
    await kit.callerFor(editor).triggers.rotateWebhook({ workflowId: rotated });
    expect(await expectRefused(await hook(first.token, "{}"), 404, "NOT_FOUND", before)).toEqual(unknown);
  });

  it("refuses a body over 1 MB with 413 and starts nothing", async () => {
    const before = await kit.runCount();
    const big = JSON.stringify({ n: 1, padding: "x".repeat(1_000_001) });
    const error = await expectRefused(await hook(token, big), 413, "PAYLOAD_TOO_LARGE", before);
    expect(error.message).toContain("1000000 bytes");
    // A stream whose length is not declared is cut off as it is read.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(100_000).fill(32));
        controller.close();
      },
    });
    const request = new Request(`http://orka.test/api/hooks/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    await expectRefused(await POST(request, { params: Promise.resolve({ token }) }), 413, "PAYLOAD_TOO_LARGE", before);
  });

  it("refuses a body that is not declared JSON (415) or is not JSON (400), and starts nothing", async () => {
    const before = await kit.runCount();
    const error = await expectRefused(await hook(token, "n=1", { contentType: "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE", before);
    expect(error.message).toContain("Content-Type: application/json");
    await expectRefused(await hook(token, "n=1", { contentType: "" }), 415, "UNSUPPORTED_MEDIA_TYPE", before);
    const invalid = await expectRefused(await hook(token, "{ n: 1 "), 400, "INVALID_JSON", before);
    expect(invalid.message).toMatch(/^the body is not valid JSON/);
  });

  it("refuses input that violates the input schema with 400 and path-addressed issues, and starts nothing", async () => {
    const before = await kit.runCount();
    const error = await expectRefused(await hook(token, JSON.stringify({ n: "four" })), 400, "INVALID_INPUT", before);
    expect(error.issues).toEqual([{ path: "input.n", message: "must be number" }]);
    const empty = await expectRefused(await hook(token, null, { contentType: "" }), 400, "INVALID_INPUT", before);
    expect(empty.issues).toEqual([{ path: "input", message: "must have required property 'n'" }]);
  });

  it("answers 409 with a clear message when the workflow has no published version", async () => {
    const editor = await kit.memberOf("editor", "Drafts");
    const { id } = await kit.callerFor(editor).workflows.create({ name: "draft_only" });
    const { token: draftToken } = await kit.callerFor(editor).triggers.rotateWebhook({ workflowId: id });
    const error = await expectRefused(await hook(draftToken, "{}"), 409, "NOT_PUBLISHED", await kit.runCount());
    expect(error.message).toBe('workflow "draft_only" has no published version — publish it first');
  });

  it("refuses a bad ?timeout= before starting anything", async () => {
    await expectRefused(await hook(token, JSON.stringify({ n: 1 }), { query: "?wait=true&timeout=soon" }), 400, "BAD_REQUEST", await kit.runCount());
  });
});
