"use client";
import Link from "next/link";
import type { RunView, WhyWaiting } from "@/engine/definition";
import type { RunDetail } from "@/server/api/routers/runs/get.handler";
import { RunActions } from "./actions/run-actions";
import { JsonBlock } from "./json-block";
import { WhyWaitingSection } from "./why-waiting";

/** With no step selected: why it waits, the run's input, output or error, its child runs, and its actions. */
export function RunSummary({ run, view, waiting, onSelect }: { run: RunDetail; view: RunView; waiting: WhyWaiting; onSelect(stepId: string): void }) {
  const status = view.lastSeq > 0 ? view.status : run.status;
  return (
    <div className="flex flex-col gap-4 p-4">
      <h2 className="text-sm font-semibold text-slate-900">Run details</h2>
      {run.canAct && <RunActions runId={run.id} workflowId={run.parentRunId ? null : run.workflowId} status={status} input={run.input} />}
      <WhyWaitingSection waiting={waiting} onSelect={onSelect} />
      <JsonBlock label="Input" value={run.input} />
      {status === "completed" && <JsonBlock label="Output" value={view.lastSeq > 0 ? view.output : run.output} />}
      {(view.error ?? run.error) && status === "failed" && (
        <section aria-label="Error" className="rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-800">
          <span className="font-semibold">{(view.error ?? run.error)!.kind}</span>: {(view.error ?? run.error)!.message}
        </section>
      )}
      {run.children.length > 0 && (
        <section aria-label="Child runs">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Child runs</h3>
          <ul className="mt-1 flex flex-col gap-0.5 text-sm">
            {run.children.map((child) => (
              <li key={child.id}>
                <Link href={`/runs/${child.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                  {child.parentStepId}
                  {child.parentIndex !== null ? `[${child.parentIndex}]` : ""} · {child.status}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-xs text-slate-500">Select a step on the canvas or the timeline to see its attempts, output and history.</p>
    </div>
  );
}
