"use client";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import { DesignerContext } from "@/components/canvas/designer/designer-context";
import { normalizeDraft } from "@/components/canvas/designer/normalize-draft";
import { useAnnouncer } from "@/components/canvas/designer/use-announcer";
import { createEditorStore } from "@/components/canvas/editor-store";
import { FlowCanvas } from "@/components/canvas/flow-canvas";
import { StepRunStateContext, type StepRunState } from "@/components/canvas/nodes/step-run-state";
import type { StepView } from "@/engine/definition";
import type { RunDetail } from "@/server/api/routers/runs/get.handler";
import { edgeRunStates } from "./edge-run-states";
import { RunHeader } from "./run-header";
import { RunSummary } from "./run-summary";
import { StepDrawer } from "./step-drawer";
import { childRollup, stepRunLabel } from "./step-run-label";
import { Timeline } from "./timeline";
import { useRunEvents } from "./use-run-events";
import { stepNamesOf } from "../step-names";
import { useWhyWaiting } from "./why-waiting";

const noIssues: never[] = [];
const notStarted: StepView = { status: "pending", attempt: 0, output: null, error: null, branch: null, startedAt: null, finishedAt: null, wakeAt: null };

/** A run drawn on its pinned definition, every step's state folded live from the event stream. */
export function RunView({ run, onChanged }: { run: RunDetail; onChanged(): void }) {
  return (
    <ReactFlowProvider>
      <RunViewBody run={run} onChanged={onChanged} />
    </ReactFlowProvider>
  );
}

function RunViewBody({ run, onChanged }: { run: RunDetail; onChanged(): void }) {
  const definition = useMemo(() => normalizeDraft(run.definition, run.workflowName ?? "run"), [run.definition, run.workflowName]);
  const [store] = useState(() => createEditorStore(definition));
  const [message, announce] = useAnnouncer();
  const context = useMemo(() => ({ store, readOnly: true, announce }), [store, announce]);
  const stepIds = useMemo(() => definition.steps.map((step) => step.id), [definition]);
  const childSteps = useMemo(() => new Set(definition.steps.filter((step) => step.type === "map" || step.type === "subworkflow").map((step) => step.id)), [definition]);
  const live = useRunEvents(run.id, stepIds);
  const selected = useStore(store, (state) => (state.selection.length === 1 ? state.selection[0]! : null));

  const stepNames = useMemo(() => stepNamesOf(definition), [definition]);
  const runFinished = live.view.status !== "running" && live.view.status !== "pending";
  const runStates = useMemo(
    () =>
      new Map<string, StepRunState>(
        definition.steps.map((step) => {
          // A step a redrive removed while this view still draws the old definition has no state left.
          const view = live.view.steps[step.id] ?? notStarted;
          const rollup = childRollup(run.children, step.id);
          const label = stepRunLabel(step, view, undefined, runFinished);
          return [step.id, { status: view.status, label: rollup ? `${label} · ${rollup}` : label }];
        }),
      ),
    [definition, live.view, run.children, runFinished],
  );
  const edges = useMemo(() => edgeRunStates(definition, live.view), [definition, live.view]);
  // Run-level events and child-run steps change what runs.get reports (output, timing, children).
  const detailChanges = live.events.filter((event) => event.stepId === null || childSteps.has(event.stepId)).length;
  useEffect(() => {
    if (detailChanges > 0) onChanged();
  }, [detailChanges, onChanged]);
  const selectedStep = selected ? definition.steps.find((step) => step.id === selected) : undefined;
  const waiting = useWhyWaiting(run, definition, live.view);

  return (
    <DesignerContext.Provider value={context}>
      <div className="fixed inset-x-0 top-16 bottom-0 flex flex-col bg-slate-50">
        <RunHeader run={run} view={live.view} connection={live.connection} />
        <div className="flex min-h-0 flex-1">
          <div className="relative min-w-0 flex-1 select-none">
            <StepRunStateContext.Provider value={runStates}>
              <FlowCanvas issues={noIssues} edgeStatus={edges} />
            </StepRunStateContext.Provider>
          </div>
          <aside aria-label={selectedStep ? "Step details" : "Run details"} className="flex w-96 shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white">
            {selectedStep ? (
              <StepDrawer
                run={run}
                step={selectedStep}
                view={live.view.steps[selectedStep.id] ?? notStarted}
                events={live.events}
                waiting={waiting.steps[selectedStep.id]}
                onClose={() => store.getState().setSelection([])}
              />
            ) : (
              <RunSummary run={run} view={live.view} waiting={waiting} onSelect={(id) => store.getState().setSelection([id])} />
            )}
          </aside>
        </div>
        <Timeline events={live.events} running={live.view.status === "running"} names={stepNames} selected={selected} onSelect={(id) => store.getState().setSelection([id])} />
        <p aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-20 -translate-x-1/2">
          {message && <span className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white shadow-lg">{message}</span>}
        </p>
      </div>
    </DesignerContext.Provider>
  );
}
