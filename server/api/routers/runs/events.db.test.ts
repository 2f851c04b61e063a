import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type RunEvent } from "@/engine";
import { eventOf } from "@/engine/runtime/testing/engine-fixture";
import { appRouter, createCaller } from "@/server/api/root";
import type { Session } from "@/server/auth";
import { RunEventFeed } from "@/server/engine-host/run-event-feed";
import { prismaRunEventSource } from "@/server/engine-host/run-event-source";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let feed: RunEventFeed;
let editor: Session;
let viewer: Session;
let outsider: Session;
let pacedWorkflowId: string;

beforeAll(async () => {
  kit = await createRunsTestKit();
  // As in the app: one feed, woken by the engine's commits, polling for other processes' events.
  feed = new RunEventFeed({ source: prismaRunEventSource(kit.testDb.db), pollMs: 25 });
  feed.follow(kit.engine);
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  pacedWorkflowId = await kit.publishedWorkflow(editor, "paced", pacedDefinition);
});

afterAll(async () => {
  feed.close();
  await kit.cleanup();
});

/**
 * Events arrive over time: each delay commits apart from the steps around it.
 *
 *   a ──▶ wait_1 ──▶ b ──▶ wait_2 ──▶ c
 */
const pacedDefinition = {
  format: "orka/v1",
  name: "paced",
  steps: [
    { id: "a", type: "noop" },
    { id: "wait_1", type: "delay", config: { ms: 60 } },
    { id: "b", type: "noop" },
    { id: "wait_2", type: "delay", config: { ms: 60 } },
    { id: "c", type: "noop", config: { output: "'done'" } },
  ],
  edges: [
    { from: "a", to: "wait_1" },
    { from: "wait_1", to: "b" },
    { from: "b", to: "wait_2" },
    { from: "wait_2", to: "c" },
  ],
};

const contextFor = (session: Session | null) => ({ ...kit.contextFor(session), getRunEventFeed: () => Promise.resolve(feed) });

interface SseMessage {
  id?: string;
  event?: string;
  data?: unknown;
}

/**
 * `runs.events` through the fetch adapter that serves /api/trpc, read as a browser's EventSource
 * would: `lastEventId` goes in the `Last-Event-ID` header, as EventSource sends it on reconnect.
 */
function openStream(session: Session | null, runId: string, lastEventId?: string) {
  const controller = new AbortController();
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ runId })));
  const request = new Request(`http://orka.test/api/trpc/runs.events?input=${input}`, {
    headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    signal: controller.signal,
  });
  const response = fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: () => Promise.resolve(contextFor(session)) });
  const messages = (async function* () {
    const reader = (await response).body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          yield parseBlock(block);
        }
      }
    } finally {
      controller.abort(); // the disconnect: the server's generator sees its signal abort
      await reader.cancel().catch(() => {});
    }
  })();
  return { messages, disconnect: () => controller.abort() };
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = {};
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const [field, value] = [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, "")];
    if (field === "id") message.id = value;
    if (field === "event") message.event = value;
    if (field === "data") message.data = value === "" ? "" : superjson.deserialize(JSON.parse(value));
  }
  return message;
}

/** Run events from the stream until `stop` says so; pings and the connected event are skipped. */
async function readEvents(stream: ReturnType<typeof openStream>, stop: (event: RunEvent, all: RunEvent[]) => boolean): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const message of stream.messages) {
    if (message.event === "serialized-error") throw Object.assign(new Error("stream error"), { data: message.data });
    if (message.event !== undefined) continue;
    const event = message.data as RunEvent;
    expect(message.id).toBe(String(event.seq));
    events.push(event);
    if (stop(event, events)) break;
  }
  return events;
}

/** Resolves once nothing arrives for `quietMs`; returns what did arrive. */
async function readFor(stream: ReturnType<typeof openStream>, quietMs: number): Promise<SseMessage[]> {
  const got: SseMessage[] = [];
  const iterator = stream.messages[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([iterator.next(), new Promise<"quiet">((resolve) => setTimeout(() => resolve("quiet"), quietMs))]);
    if (next === "quiet" || next.done) break;
    if (next.value.event === undefined) got.push(next.value);
  }
  stream.disconnect();
  await iterator.return?.();
  return got;
}

/**
 * A server-side caller yields the `tracked()` envelope itself (`[id, data, symbol]`), while tRPC's
 * types describe what a client link makes of it (`{ id, data }`): accept both.
 */
function trackedEvent(item: unknown): RunEvent {
  return (Array.isArray(item) ? item[1] : (item as { data: unknown }).data) as RunEvent;
}

/** Waits until `check` holds (the server ends a stream asynchronously after a disconnect). */
async function eventually(check: () => boolean, withinMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

const seqsOf = (events: RunEvent[]) => events.map((event) => event.seq);
const isRunEnd = (event: RunEvent) => event.type === "run.completed";

describe("runs.events over SSE", () => {
  it("resumes after a disconnect from the Last-Event-ID: the union is the run's events, no gap, no duplicate", async () => {
    const { runId } = await createCaller(contextFor(editor)).runs.start({ workflowId: pacedWorkflowId });
    const first = await readEvents(openStream(editor, runId), (_, all) => all.length === 4);
    expect(seqsOf(first)).toEqual([1, 2, 3, 4]);
    // Disconnected (the generator above returned): the run goes on without us.
    await eventOf(kit.engine, runId, "step.completed", "wait_1");
    const rest = await readEvents(openStream(editor, runId, String(first.at(-1)!.seq)), isRunEnd);
    await kit.engine.waitForRun(runId);
    const stored = await kit.engine.listEvents(runId);
    expect(seqsOf([...first, ...rest])).toEqual(seqsOf(stored));
    expect([...first, ...rest].map((event) => event.type)).toEqual(stored.map((event) => event.type));
    expect(rest.at(-1)).toMatchObject({ runId, type: "run.completed", payload: { output: { c: "done" } }, at: expect.any(Date) });
  });

  it("backfills a finished run in full, then sends nothing more and stays open", async () => {
    const { runId } = await createCaller(contextFor(editor)).runs.start({ workflowId: pacedWorkflowId });
    await kit.engine.waitForRun(runId);
    const stored = await kit.engine.listEvents(runId);
    const got = await readFor(openStream(viewer, runId), 600);
    expect(got.map((message) => message.id)).toEqual(stored.map((event) => String(event.seq)));
    // Resuming at the end gives nothing.
    expect(await readFor(openStream(viewer, runId, String(stored.length)), 150)).toEqual([]);
    // Both streams are gone on the server too: nobody listens, so the feed forgets the run.
    expect(await eventually(() => feed.watchedRuns === 0)).toBe(true);
  });

  it("streams events that another engine process commits, through polling", async () => {
    // A second engine on the same database file: its commits never reach this process's feed.
    const store = SqliteRunStore.open(kit.testDb.filename);
    const other = createEngine({ store });
    try {
      const { runId } = await other.startRun({ definition: pacedDefinition, teamId: editor.team.id });
      const events = await readEvents(openStream(editor, runId), isRunEnd);
      await other.waitForRun(runId);
      expect(seqsOf(events)).toEqual(seqsOf(await other.listEvents(runId)));
    } finally {
      await other.stop();
      await store.close();
    }
  });

  it("answers NOT_FOUND in the stream for another team's run", async () => {
    const { runId } = await createCaller(contextFor(editor)).runs.start({ workflowId: pacedWorkflowId });
    await expect(readEvents(openStream(outsider, runId), () => true)).rejects.toMatchObject({ data: { data: { code: "NOT_FOUND" } } });
  });
});

describe("runs.events access (createCaller)", () => {
  let runId: string;
  beforeAll(async () => {
    const workflowId = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
    runId = (await createCaller(contextFor(editor)).runs.start({ workflowId, input: { n: 1 } })).runId;
    await kit.engine.waitForRun(runId);
  });

  const eventsOf = async (session: Session | null, id: string) => {
    const controller = new AbortController();
    const iterable = await appRouter.createCaller(contextFor(session), { signal: controller.signal }).runs.events({ runId: id });
    const seqs: number[] = [];
    for await (const item of iterable) {
      const event = trackedEvent(item);
      seqs.push(event.seq);
      if (event.type === "run.completed") break;
    }
    controller.abort();
    return seqs;
  };

  it("lets a viewer subscribe", async () => {
    expect(await eventsOf(viewer, runId)).toEqual(seqsOf(await kit.engine.listEvents(runId)));
  });

  it("is UNAUTHORIZED without a session", async () => {
    await expect(eventsOf(null, runId)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("is NOT_FOUND for another team's run and for an unknown run, before anything streams", async () => {
    await expect(eventsOf(outsider, runId)).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
    await expect(eventsOf(editor, "no-such-run")).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
    expect(feed.watchedRuns).toBe(0);
  });

  it("refuses a lastEventId that is not a seq", async () => {
    await expect(createCaller(contextFor(editor)).runs.events({ runId, lastEventId: "abc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers INTERNAL_SERVER_ERROR with a clear message when the server has no feed", async () => {
    await expect(createCaller(kit.contextFor(editor)).runs.events({ runId })).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: expect.stringContaining("no run event feed"),
    });
  });
});
