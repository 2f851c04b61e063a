import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "@/engine";
import type { Session } from "@/server/auth";
import { appRouter } from "@/server/api/root";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
let workflowId: string;

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor");
  // Version 1 doubles, version 2 triples.
  workflowId = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"), doublingDefinition("doubling", 3));
});

afterAll(() => kit.cleanup());

const runCount = () => kit.testDb.db.run.count();

/** The response a browser gets, through the same fetch adapter as app/api/trpc (errors formatted). */
async function postStart(input: unknown) {
  const request = new Request("http://orka.test/api/trpc/runs.start", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: () => Promise.resolve(kit.contextFor(editor)) });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string; issues: unknown } } } };
  return { status: response.status, error: body.error?.json };
}

describe("runs.start", () => {
  it("runs the latest published version to completion, pinned to it", async () => {
    const caller = kit.callerFor(editor);
    const started = await caller.runs.start({ workflowId, input: { n: 5 } });
    expect(started).toEqual({ runId: expect.any(String), version: 2 });
    const settled = await kit.engine.waitForRun(started.runId);
    expect(settled.run).toMatchObject({ status: "completed", output: 16, input: { n: 5 }, teamId: editor.team.id, workflowId });
    const version = await caller.workflows.version({ workflowId, number: 2 });
    expect(settled.run.workflowVersionId).toBe(version.id);
  });

  it("runs the version asked for", async () => {
    const caller = kit.callerFor(editor);
    const started = await caller.runs.start({ workflowId, version: 1, input: { n: 5 } });
    expect(started.version).toBe(1);
    expect((await kit.engine.waitForRun(started.runId)).run).toMatchObject({ status: "completed", output: 11 });
  });

  it("refuses an unknown version as NOT_FOUND and starts nothing", async () => {
    const before = await runCount();
    await expect(kit.callerFor(editor).runs.start({ workflowId, version: 9, input: { n: 1 } })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'version 9 of workflow "doubling" not found',
    });
    expect(await runCount()).toBe(before);
  });

  it("refuses a workflow that was never published as PRECONDITION_FAILED and starts nothing", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "unpublished" });
    const before = await runCount();
    await expect(caller.runs.start({ workflowId: id, input: {} })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: 'workflow "unpublished" has no published version — publish it first',
    });
    expect(await runCount()).toBe(before);
  });

  it("refuses input that violates the input schema with path-addressed issues and writes no run", async () => {
    const before = await runCount();
    await expect(kit.callerFor(editor).runs.start({ workflowId, input: { n: "five" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "input.n", message: "must be number" }] },
    });
    const { status, error } = await postStart({ workflowId, input: {} });
    expect(status).toBe(400);
    expect(error?.data).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "input", message: "must have required property 'n'" }] });
    expect(await runCount()).toBe(before);
  });

  it("treats an omitted input as {}", async () => {
    const caller = kit.callerFor(editor);
    const open = await kit.publishedWorkflow(editor, "no_schema", { format: "orka/v1", name: "no_schema", steps: [{ id: "echo", type: "noop", config: { output: "$input" } }], edges: [] });
    const { runId } = await caller.runs.start({ workflowId: open });
    expect((await kit.engine.waitForRun(runId)).run).toMatchObject({ status: "completed", input: {}, output: { echo: {} } });
  });

  it("refuses an input over 1 MB of UTF-8 JSON with a clear issue and writes no run", async () => {
    const before = await runCount();
    // 600,000 characters, 1,200,000 bytes: the limit counts bytes.
    const input = { n: 1, padding: "é".repeat(600_000) };
    const bytes = Buffer.byteLength(JSON.stringify(input));
    const { status, error } = await postStart({ workflowId, input });
    expect(status).toBe(400);
    expect(error?.data.issues).toEqual([{ path: "input", message: `input is ${bytes} bytes of JSON; the limit is ${limits.runInputBytes} bytes (1 MB)` }]);
    expect(await runCount()).toBe(before);
  });

  it("stores the JSON form of values JSON cannot hold (a Date, an undefined field)", async () => {
    const { runId } = await kit.callerFor(editor).runs.start({ workflowId, input: { n: 2, at: new Date("2026-01-02T03:04:05.000Z"), gone: undefined } });
    expect((await kit.engine.waitForRun(runId)).run.input).toEqual({ n: 2, at: "2026-01-02T03:04:05.000Z" });
  });

  it("answers INTERNAL_SERVER_ERROR with a clear message when the server has no engine", async () => {
    const caller = appRouter.createCaller({ ...kit.contextFor(editor), getEngine: undefined });
    await expect(caller.runs.start({ workflowId, input: { n: 1 } })).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: expect.stringContaining("no workflow engine"),
    });
  });
});
