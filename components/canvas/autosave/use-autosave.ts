"use client";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState } from "react";
import { useTRPCClient } from "@/components/trpc/trpc-context";
import type { Definition } from "@/engine/definition";
import type { EditorStore } from "../editor-store";
import { DraftSaver, type SaveState } from "./draft-saver";

export interface Autosave {
  state: SaveState;
  saver: DraftSaver<Definition>;
}

/**
 * Saves the store's document whenever it changes (debounced). The browser warns before leaving
 * while an edit is unsaved, so closing the tab cannot lose it either.
 */
export function useAutosave(store: EditorStore, workflowId: string, revision: number, enabled: boolean): Autosave {
  const client = useTRPCClient();
  const [state, setState] = useState<SaveState>({ kind: "saved", at: null });
  const [saver] = useState(
    () =>
      new DraftSaver<Definition>({
        revision,
        onState: setState,
        conflictMessage: (error) => (error instanceof TRPCClientError && error.data?.code === "CONFLICT" ? error.message : null),
        save: async (draft, baseRevision, force) =>
          (await client.workflows.saveDraft.mutate({ workflowId, draft, baseRevision, ...(force && { force }) })).draftRevision,
      }),
  );

  useEffect(() => {
    if (!enabled) return;
    const unsubscribe = store.subscribe((next, previous) => {
      if (next.definition !== previous.definition) saver.change(next.definition);
    });
    return () => {
      unsubscribe();
    };
  }, [store, saver, enabled]);

  useEffect(() => () => saver.dispose(), [saver]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saver.hasUnsavedChanges) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saver]);

  return { state, saver };
}
