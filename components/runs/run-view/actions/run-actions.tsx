"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { RunStatus } from "@/engine/definition";
import { TextField } from "@/components/ui/text-field";
import { ActionDialog, parseJsonField } from "./action-dialog";

/**
 * Cancel (while the run is unfinished) and re-run (same or edited input), each confirmed; "Fix and
 * continue" (a failed or cancelled run of a saved workflow) opens the designer to redrive it.
 */
export function RunActions({ runId, workflowId, status, input }: { runId: string; workflowId: string | null; status: RunStatus; input: unknown }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState<"cancel" | "rerun" | null>(null);
  const [reason, setReason] = useState("");
  const [edited, setEdited] = useState("");
  const cancel = useMutation(trpc.runs.cancel.mutationOptions());
  const rerun = useMutation(trpc.runs.rerun.mutationOptions());
  const unfinished = status === "pending" || status === "running";
  return (
    <div role="group" aria-label="Run actions" className="flex gap-2">
      {unfinished && (
        <Button variant="danger" onClick={() => (setReason(""), setOpen("cancel"))}>
          Cancel run
        </Button>
      )}
      {workflowId && (status === "failed" || status === "cancelled") && (
        <Link
          href={`/workflows/${workflowId}?redrive=${runId}`}
          title="Open this run's version in the designer, fix it, publish, and continue this same run on the fix"
          className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Fix and continue
        </Link>
      )}
      <Button onClick={() => (setEdited(JSON.stringify(input ?? {}, null, 2)), setOpen("rerun"))}>Re-run</Button>
      <ActionDialog open={open === "cancel"} onClose={() => setOpen(null)} title="Cancel this run?" confirmLabel="Cancel run" danger
        description="Running steps are told to stop; steps not yet finished become cancelled. This cannot be undone."
        onConfirm={async () => void (await cancel.mutateAsync({ runId, reason: reason || undefined }))}>
        <TextField label="Reason (optional)" value={reason} onChange={setReason} />
      </ActionDialog>
      <ActionDialog open={open === "rerun"} onClose={() => setOpen(null)} title="Re-run with this input?" confirmLabel="Start run"
        description="Starts a new run of the same version."
        onConfirm={async () => {
          const { runId: next } = await rerun.mutateAsync({ runId, input: parseJsonField(edited, "The input") ?? {} });
          router.push(`/runs/${next}`);
        }}>
        <TextField label="Input (JSON)" value={edited} onChange={setEdited} multiline rows={6} code />
      </ActionDialog>
    </div>
  );
}
