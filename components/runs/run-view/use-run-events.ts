"use client";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { foldRunEvents, type RunView } from "@/engine/definition/fold-run-events";
import type { RunEvent } from "@/engine/definition/run-events";

export interface RunEvents {
  events: RunEvent[];
  view: RunView;
  /** "live" once connected; "connecting" before and while reconnecting after a drop. */
  connection: "connecting" | "live" | "error";
  error: string | null;
}

/**
 * The run's event log, streamed: the server backfills after the last seen `seq` and then streams;
 * on reconnect the link resumes from the last event id, and the fold skips anything already seen.
 * Each event is folded into the previous view (not the whole log again): a backfill of thousands
 * of events stays linear.
 */
export function useRunEvents(runId: string, stepIds: readonly string[]): RunEvents {
  const trpc = useTRPC();
  const [log, setLog] = useState(() => ({ events: [] as RunEvent[], view: foldRunEvents([], stepIds) }));
  const subscription = useSubscription(
    trpc.runs.events.subscriptionOptions(
      { runId },
      {
        onData(envelope) {
          const event = envelope.data as RunEvent;
          setLog((previous) =>
            event.seq <= previous.view.lastSeq ? previous : { events: [...previous.events, event], view: foldRunEvents([event], [], previous.view) },
          );
        },
      },
    ),
  );
  const connection = subscription.status === "pending" ? "live" : subscription.status === "error" ? "error" : "connecting";
  return { ...log, connection, error: subscription.error?.message ?? null };
}
