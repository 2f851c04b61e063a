import "server-only";
import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { RunEvent } from "@/engine";
import type { RunEventFeed } from "@/server/engine-host/run-event-feed";
import { requireRunEventFeed, type TeamContext } from "../../trpc";
import type { RunEventsInput } from "./events.schema";
import { requireTeamRun } from "./operator-access";

const pageSize = 500;

/**
 * The run's events after `lastEventId`, then every new one as it is committed, each once, in `seq`
 * order, each tracked by its `seq` so a reconnecting client resumes where it stopped. The stream
 * stays open after the run settles: an operator may resume a failed run. Access is checked here,
 * before the stream starts, so another team's run is NOT_FOUND and nothing streams.
 */
export async function runEvents({ ctx, input, signal }: { ctx: TeamContext; input: RunEventsInput; signal: AbortSignal | undefined }) {
  await requireTeamRun(ctx, input.runId);
  const feed = await requireRunEventFeed(ctx);
  return streamRunEvents(feed, input.runId, Number(input.lastEventId ?? 0), signal);
}

/** Subscribes, backfills from the database, then streams live events, skipping what it already gave. */
export async function* streamRunEvents(feed: RunEventFeed, runId: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<TrackedEnvelope<RunEvent>, void> {
  // Subscribe before reading the backfill, or events committed in between are lost.
  const live = await feed.subscribe(runId, signal);
  let last = afterSeq;
  /** Events after `last` up to `until`, read from the database page by page. */
  async function* fromDatabase(until: number): AsyncGenerator<TrackedEnvelope<RunEvent>, void> {
    while (!signal?.aborted) {
      const page = await feed.read(runId, last, pageSize);
      for (const event of page) {
        if (event.seq > until) return;
        last = event.seq;
        yield tracked(String(event.seq), event);
      }
      if (page.length < pageSize) return;
    }
  }
  try {
    yield* fromDatabase(Number.MAX_SAFE_INTEGER);
    for await (const batch of live) {
      for (const event of batch) {
        if (event.seq <= last) continue; // the backfill (or an earlier batch) gave it already
        // Never skip ahead: if the feed's batch starts past what this stream has, read the rest first.
        if (event.seq > last + 1) yield* fromDatabase(event.seq - 1);
        last = event.seq;
        yield tracked(String(event.seq), event);
      }
    }
  } finally {
    live.close();
  }
}
