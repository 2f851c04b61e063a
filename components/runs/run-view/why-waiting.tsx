"use client";
import { useMemo } from "react";
import { useNow } from "@/components/ui/use-now";
import type { Definition, RunView } from "@/engine/definition";
import { whyWaiting, type WaitExplanation, type WhyWaiting } from "@/engine/definition/why-waiting";
import type { RunDetail } from "@/server/api/routers/runs/get.handler";

/**
 * Why the run and its steps are not moving, recomputed from the live fold every second (so a
 * countdown stays true); the server's answer until the first event arrives.
 */
export function useWhyWaiting(run: RunDetail, definition: Pick<Definition, "steps" | "edges" | "maxParallel">, view: RunView): WhyWaiting {
  const unfinished = view.status === "running" || view.status === "pending";
  const now = useNow(unfinished);
  return useMemo(() => {
    if (view.lastSeq === 0) return run.waiting;
    return whyWaiting({ status: view.status, error: view.error, definition, steps: view.steps }, new Date(now));
  }, [run.waiting, definition, view, now]);
}

/** The run's answer and each unfinished step's, as a list a person reads top to bottom. */
export function WhyWaitingSection({ waiting, onSelect }: { waiting: WhyWaiting; onSelect(stepId: string): void }) {
  if (!waiting.run) return null;
  const steps = Object.entries(waiting.steps);
  return (
    <section aria-label="Why is this waiting?" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
      <h3 className="text-xs font-semibold tracking-wide text-amber-800 uppercase">Why is this waiting?</h3>
      <p className="mt-1">{waiting.run.reason}</p>
      {steps.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1 text-xs">
          {steps.map(([stepId, explanation]) => (
            <li key={stepId}>
              <button type="button" className="font-mono text-amber-950 underline-offset-2 hover:underline" onClick={() => onSelect(stepId)}>
                {stepId}
              </button>
              : {explanation.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One step's answer, in the step drawer. */
export function StepWaitReason({ explanation }: { explanation: WaitExplanation | undefined }) {
  if (!explanation) return null;
  return (
    <p role="note" aria-label="Why this step waits" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900">
      {explanation.reason}
    </p>
  );
}
