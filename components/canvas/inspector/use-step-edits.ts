"use client";

import { useMemo } from "react";
import type { EditorStore, StepPatch } from "@/components/canvas/editor-store";
import type { Edit } from "./config-field";
import { joinPath, setIn } from "./config-values";

/**
 * Writers for one step. Each reads the step from the store at the moment of the edit (never a
 * render-time copy), and merge keys name the field (`fetch.config.url`) so typing is one undo entry.
 */
export function useStepEdits(store: EditorStore, stepId: string) {
  return useMemo(() => {
    const current = () => store.getState().definition.steps.find((step) => step.id === stepId);
    const patch = (change: StepPatch, field?: string) => store.getState().updateStep(stepId, change, field ? { mergeKey: `${stepId}.${field}` } : undefined);
    const editConfig: Edit = (path, value, merge) => {
      const step = current();
      if (step) patch({ config: setIn(step.config ?? {}, path, value) }, merge ? joinPath("config", path) : undefined);
    };
    const editRetry: Edit = (path, value, merge) => {
      const step = current();
      if (!step) return;
      const retry = path.length === 0 ? value : setIn(step.retry ?? {}, path, value);
      patch({ retry: retry as StepPatch["retry"] }, merge ? joinPath("retry", path) : undefined);
    };
    return {
      patch,
      editConfig,
      editRetry,
      rename: (newId: string) => store.getState().renameStepId(stepId, newId),
    };
  }, [store, stepId]);
}
