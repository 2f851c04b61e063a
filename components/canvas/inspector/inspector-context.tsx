"use client";

import { createContext, useContext } from "react";
import type { ValidationIssue } from "@/engine/definition";
import type { CompletionNames } from "@/components/canvas/code-editor";
import type { StepTesting } from "@/components/canvas/test-runs/step-test-panel";

export type InspectorContextValue = {
  readOnly: boolean;
  /** Validation issues of the whole draft; each field picks its own by path. */
  issues: readonly ValidationIssue[];
  completions: CompletionNames;
  /** Ends the current run of typing in the undo history (a code editor calls it on a line break). */
  endEditGroup(): void;
  /** The designer's draft (not a version or template): steps can be test-run and pinned. */
  testing?: StepTesting | null;
};

export const InspectorContext = createContext<InspectorContextValue>({ readOnly: false, issues: [], completions: { stepIds: [], varNames: [] }, endEditGroup: () => {} });

export const useInspector = () => useContext(InspectorContext);
