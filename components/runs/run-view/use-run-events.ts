"use client";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { foldRunEvents, type RunEvent, type RunView } from "@/engine/definition";

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
 */
export function useRunEvents(runId: string, stepIds: readonly string[]): RunEvents {
  const trpc = useTRPC();
  const [events, setEvents] = useState<RunEvent[]>([]);
  const lastSeq = useRef(0);
  const subscription = useSubscription(
    trpc.runs.events.subscriptionOptions(
      { runId },
      {
        onData(envelope) {
          const event = envelope.data as RunEvent;
          if (event.seq <= lastSeq.current) return;
          lastSeq.current = event.seq;
          setEvents((previous) => [...previous, event]);
        },
      },
    ),
  );
  const view = useMemo(() => foldRunEvents(events, stepIds), [events, stepIds]);
  const connection = subscription.status === "pending" ? "live" : subscription.status === "error" ? "error" : "connecting";
  return { events, view, connection, error: subscription.error?.message ?? null };
}
