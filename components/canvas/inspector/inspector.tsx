"use client";

import { useMemo, useRef, type ReactElement } from "react";
import { useStore } from "zustand";
import type { EditorStore } from "@/components/canvas/editor-store";
import type { ValidationIssue } from "@/engine/definition";
import type { StepTesting } from "../test-runs/step-test-panel";
import { InspectorContext } from "./inspector-context";
import { StepInspector } from "./step-inspector";
import { useFocusRequest, type FocusRequest } from "./use-focus-request";
import { WorkflowSettings } from "./workflow-settings";

export type InspectorProps = {
  store: EditorStore;
  /** `validateDefinition(definition).issues` for the whole draft. */
  issues: readonly ValidationIssue[];
  /** Focus the field for `path` (e.g. `steps[3].config.url`) each time `nonce` changes. */
  focusRequest: FocusRequest;
  /** Version view: every input disabled, editors read-only. */
  readOnly?: boolean;
  /** Run one step and pin sample data (the designer's draft, for an editor). */
  testing?: StepTesting | null;
};

/** The right-hand panel: workflow settings, the selected step's form, or a note about a multi-selection. */
export function Inspector({ store, issues, focusRequest, readOnly = false, testing = null }: InspectorProps): ReactElement {
  const selection = useStore(store, (state) => state.selection);
  const steps = useStore(store, (state) => state.definition.steps);
  const root = useRef<HTMLElement>(null);
  useFocusRequest(focusRequest, root);
  const context = useMemo(
    () => ({
      readOnly,
      issues,
      testing,
      completions: {
        stepIds: steps.map((step) => step.id),
        varNames: [...new Set(steps.flatMap((step) => Object.keys(step.assign ?? {})))],
      },
      endEditGroup: store.getState().endEditGroup,
    }),
    [readOnly, issues, steps, store, testing],
  );
  const index = selection.length === 1 ? steps.findIndex((step) => step.id === selection[0]) : -1;
  return (
    <InspectorContext value={context}>
      <aside ref={root} aria-label="Inspector" className="h-full overflow-y-auto border-l border-slate-200 bg-white p-4">
        {selection.length > 1 ? (
          <div className="space-y-1">
            <h2 className="text-sm font-semibold text-slate-900">{selection.length} steps selected</h2>
            <p className="text-xs leading-5 text-slate-500">Select a single step to edit its settings. Moving, copying and deleting apply to all selected steps.</p>
          </div>
        ) : index >= 0 ? (
          <StepInspector key={index} store={store} step={steps[index]!} index={index} />
        ) : (
          <WorkflowSettings store={store} />
        )}
      </aside>
    </InspectorContext>
  );
}
