"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/trpc-context";
import type { Definition } from "@/engine/definition";
import type { WorkflowDetail } from "@/server/api/routers/workflows/get.handler";
import type { DraftSaver } from "../autosave/draft-saver";
import type { EditorStore } from "../editor-store";

export interface Publishing {
  latestVersion: number | null;
  draftIsPublished: boolean;
  busy: boolean;
  /** Saves pending edits, publishes, and resolves the new version number; rejects with the reason. */
  publish(): Promise<number>;
}

interface Options {
  store: EditorStore;
  workflow: WorkflowDetail;
  saver: DraftSaver<Definition>;
  announce(message: string): void;
  issueCount: number;
}

export function usePublishing({ store, workflow, saver, announce, issueCount }: Options): Publishing {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [latestVersion, setLatestVersion] = useState(workflow.latestVersion);
  const [draftIsPublished, setDraftIsPublished] = useState(workflow.draftIsPublished ?? false);
  const [busy, setBusy] = useState(false);

  useEffect(() => store.subscribe((next, previous) => next.definition !== previous.definition && setDraftIsPublished(false)), [store]);

  const publish = async () => {
    if (issueCount > 0) throw new Error(`fix the ${issueCount === 1 ? "problem" : `${issueCount} problems`} first`);
    setBusy(true);
    try {
      const baseRevision = await saver.flush();
      const { number } = await client.workflows.publish.mutate({ workflowId: workflow.id, baseRevision });
      setLatestVersion(number);
      setDraftIsPublished(true);
      announce(`Published version ${number}`);
      await queryClient.invalidateQueries({ queryKey: trpc.workflows.versions.queryKey({ workflowId: workflow.id }) });
      return number;
    } finally {
      setBusy(false);
    }
  };

  return { latestVersion, draftIsPublished, busy, publish };
}
