import { describe, expect, it } from "vitest";
import type { RunEvent, RunEventType } from "@/engine";
import { RunEventFeed, type RunEventSubscription } from "@/server/engine-host/run-event-feed";
import type { RunEventSource } from "@/server/engine-host/run-event-source";
import { streamRunEvents } from "./events.handler";

// The ordering hazards of `streamRunEvents`, made deterministic with an in-memory event source.

const runId = "run-1";
const event = (seq: number, type: RunEventType = "step.queued"): RunEvent => ({ runId, seq, type, stepId: null, payload: {}, at: new Date(0) });

/** A `run_events` table in memory; `onRead` runs inside each read, before it answers. */
function memorySource(onRead: (cursors: number) => void = () => {}) {
  const events: RunEvent[] = [];
  const source: RunEventSource = {
    async read(cursors, limit) {
      onRead(cursors.length);
      return cursors.flatMap((cursor) => events.filter((e) => e.runId === cursor.runId && e.seq > cursor.afterSeq)).slice(0, limit);
    },
    async last() {
      const last = events.at(-1);
      return last ? { seq: last.seq, type: last.type } : null;
    },
  };
  return { source, events };
}

/** Takes `count` events from the stream, then stops it. */
async function take(stream: AsyncGenerator<unknown, void>, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for await (const item of stream) {
    seqs.push((item as [string, RunEvent])[1].seq);
    if (seqs.length === count) break;
  }
  return seqs;
}

describe("streamRunEvents", () => {
  it("loses nothing committed between subscribing and the backfill, and repeats nothing", async () => {
    let commitDuringBackfill = true;
    const memory = memorySource((cursors) => {
      // The backfill reads one run; a commit lands right then, and the engine wakes the feed.
      if (cursors === 1 && commitDuringBackfill) {
        commitDuringBackfill = false;
        memory.events.push(event(4));
        feed.wake([runId]);
      }
    });
    memory.events.push(event(1, "run.started"), event(2), event(3));
    const feed = new RunEventFeed({ source: memory.source, pollMs: 5 });
    try {
      const stream = streamRunEvents(feed, runId, 0);
      const first = take(stream, 5);
      setTimeout(() => {
        memory.events.push(event(5));
        feed.wake([runId]);
      }, 30);
      expect(await first).toEqual([1, 2, 3, 4, 5]);
    } finally {
      feed.close();
    }
  });

  it("starts after the cursor it is given", async () => {
    const memory = memorySource();
    memory.events.push(event(1, "run.started"), event(2), event(3), event(4, "run.completed"));
    const feed = new RunEventFeed({ source: memory.source, pollMs: 5 });
    try {
      expect(await take(streamRunEvents(feed, runId, 2), 2)).toEqual([3, 4]);
    } finally {
      feed.close();
    }
  });

  it("fills a hole from the database rather than skipping ahead when a live batch starts past its cursor", async () => {
    const memory = memorySource();
    memory.events.push(event(1), event(2), event(3));
    // A feed whose live batch starts at 3 while the backfill (read before 2 and 3 existed) gave only 1.
    let reads = 0;
    const feed = {
      async subscribe(): Promise<RunEventSubscription> {
        return {
          fromStart: false,
          close() {},
          async *[Symbol.asyncIterator]() {
            yield [event(3)];
          },
        };
      },
      read: (_: string, afterSeq: number, limit: number) => (reads++ === 0 ? Promise.resolve([event(1)]) : memory.source.read([{ runId, afterSeq }], limit)),
    } as unknown as RunEventFeed;
    expect(await take(streamRunEvents(feed, runId, 0), 3)).toEqual([1, 2, 3]);
  });
});
