"use client";
import Link from "next/link";
import { useMemo } from "react";
import { metaOf } from "@/components/canvas/step-meta";
import { Button } from "@/components/ui/button";
import type { RunEvent, StepDefinition, StepView, WaitExplanation } from "@/engine/definition";
import type { RunDetail } from "@/server/api/routers/runs/get.handler";
import { StepDataView } from "../step-data/step-data-view";
import { StepActions } from "./actions/step-actions";
import { StepCacheSource } from "./step-cache-source";
import { JsonBlock } from "./json-block";
import { formatDuration } from "../run-text";
import { stepRunLabel } from "./step-run-label";
import { timelineRows } from "./timeline-bars";
import { StepWaitReason } from "./why-waiting";

interface StepDrawerProps {
  run: RunDetail;
  step: StepDefinition;
  view: StepView;
  events: readonly RunEvent[];
  /** Why the step is not moving; undefined once it finished. */
  waiting: WaitExplanation | undefined;
  onClose(): void;
}

/** One step of the run: state, actions, output or error, every attempt with its timing, its events. */
export function StepDrawer({ run, step, view, events, waiting, onClose }: StepDrawerProps) {
  const own = useMemo(() => events.filter((event) => event.stepId === step.id), [events, step.id]);
  const attempts = useMemo(() => timelineRows(own)[0]?.bars ?? [], [own]);
  const children = run.children.filter((child) => child.parentStepId === step.id);
  return (
    <div className="flex flex-col gap-4 p-4">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{step.name ?? step.id}</h2>
          <p className="text-xs text-slate-500">
            {metaOf(step.type).label} · <span className="font-mono">{step.id}</span>
          </p>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close step details">
          ✕
        </Button>
      </div>
      <p role="status" aria-label="Step state" className="text-sm font-medium text-slate-800">
        {stepRunLabel(step, view)}
      </p>
      <StepWaitReason explanation={waiting} />
      {run.canAct && <StepActions runId={run.id} step={step} view={view} />}
      <StepCacheSource step={step} view={view} workflowId={run.workflowId} canAct={run.canAct} />
      {view.error && (
        <section aria-label="Step error" className="rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-800">
          <span className="font-semibold">{view.error.kind}</span>: {view.error.message}
        </section>
      )}
      {(view.status === "completed" || view.status === "resolved") && <JsonBlock label="Step output" value={view.output} />}
      {view.branch && <p className="text-xs text-slate-600">Branch taken: <span className="font-mono">{view.branch}</span></p>}
      {view.status !== "pending" && <StepDataView key={`${view.status}:${view.attempt}`} runId={run.id} stepId={step.id} />}
      <section aria-label="Attempts">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Attempts</h3>
        {attempts.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">Not started.</p>
        ) : (
          <ol className="mt-1 flex flex-col gap-0.5 text-xs text-slate-700">
            {attempts.map((bar, index) => (
              <li key={index}>
                Attempt {bar.attempt}: {bar.outcome}, started {new Date(bar.start).toLocaleTimeString()}
                {bar.end !== null && `, ${formatDuration(bar.end - bar.start)}`}
              </li>
            ))}
          </ol>
        )}
      </section>
      {children.length > 0 && (
        <section aria-label="Child runs of this step">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Child runs</h3>
          <ul className="mt-1 flex flex-col gap-0.5">
            {children.map((child) => (
              <li key={child.id}>
                <Link href={`/runs/${child.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                  {child.parentIndex !== null ? `item ${child.parentIndex}` : "child run"} · {child.status}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Step history">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">History</h3>
        <ol className="mt-1 flex flex-col gap-0.5 font-mono text-[11px] text-slate-600">
          {own.map((event) => (
            <li key={event.seq}>
              #{event.seq} {new Date(event.at).toLocaleTimeString()} {event.type}
              {typeof event.payload.by === "string" && ` by ${event.payload.by}`}
              {typeof event.payload.reason === "string" && ` — ${event.payload.reason}`}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
