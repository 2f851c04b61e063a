"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { shortRunId } from "@/components/runs/run-text";
import { prettyJson, runPhase } from "./run-input";
import { stepNamesOf } from "@/components/runs/step-names";

const pollMs = { active: 500, waiting: 5_000 } as const;

interface RunProgressProps {
  runId: string;
  /** The published version it runs; null for a test run of the draft. */
  version: number | null;
  onRunAgain(): void;
  footer(actions: ReactNode): ReactNode;
}

/** Step 3: the started run, polled until it settles, with its output or error. */
export function RunProgress({ runId, version, onRunAgain, footer }: RunProgressProps) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    staleTime: 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return pollMs.active;
      const phase = runPhase(data);
      return phase === "settled" ? false : pollMs[phase];
    },
  });
  const phase = run.data ? runPhase(run.data) : "active";

  return (
    <>
      <p className="font-medium">
        Run <span className="font-mono">{shortRunId(runId)}</span> started
        <span className="font-normal text-slate-500">{version === null ? " (test run of the draft)" : ` (version ${version})`}</span>
        {" · "}
        <Link href={`/runs/${runId}`} className="font-normal text-indigo-700 hover:underline">
          Watch it live
        </Link>
      </p>
      <section aria-label="Run result" className="mt-3 space-y-3">
        {run.isPending ? (
          <p role="status">Loading the run…</p>
        ) : run.isError ? (
          <p role="alert" className="text-rose-700">
            Could not load the run: {run.error.message}
          </p>
        ) : (
          <>
            <p role="status">
              Status: <strong>{run.data.status}</strong>
              {phase === "waiting" && <span className="text-slate-500"> — waiting on a step (approval, timer, child run or circuit breaker)</span>}
            </p>
            {run.data.status === "completed" && <JsonBlock label="Output" value={run.data.output} />}
            {run.data.error && (
              <p className="rounded-md bg-rose-50 px-3 py-2 text-rose-800">
                {run.data.error.kind} error: {run.data.error.message}
              </p>
            )}
            <ul aria-label="Steps" className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {run.data.steps.map((step) => (
                <li key={step.stepId} className="flex items-baseline justify-between gap-3 px-3 py-1.5">
                  <span title={step.stepId} className="text-xs">
                    {stepNamesOf(run.data.definition).get(step.stepId) ?? step.stepId}
                  </span>
                  <span className="text-xs text-slate-600">
                    {step.status}
                    {step.attempt > 1 && ` (attempt ${step.attempt})`}
                    {step.error && ` — ${step.error.message}`}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {footer(<Button onClick={onRunAgain}>Run again</Button>)}
    </>
  );
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <p className="mb-1 font-medium text-slate-700">{label}</p>
      <pre className="max-h-64 overflow-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{prettyJson(value)}</pre>
    </div>
  );
}
