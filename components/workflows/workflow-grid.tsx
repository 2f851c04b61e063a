"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { DeleteWorkflowDialog } from "./delete-workflow-dialog";
import { formErrorsOf } from "./form-errors";
import { RenameWorkflowDialog } from "./rename-workflow-dialog";
import { useRefreshWorkflows } from "./use-refresh-workflows";
import { WorkflowCard } from "./workflow-card";
import type { WorkflowSummary } from "./workflow-summary";

/**
 * The dialog in use, kept after it closes (open: false) so the native <dialog> closes itself and
 * hands focus back to the card's button instead of vanishing from the page.
 */
type CardDialog = { kind: "rename" | "delete"; workflow: WorkflowSummary; open: boolean };

interface WorkflowGridProps {
  workflows: WorkflowSummary[];
  canEdit: boolean;
  /** What just happened ("Deleted x."), or what failed, for the page to announce. */
  onNotice(notice: { tone: "success" | "error"; text: string }): void;
}

export function WorkflowGrid({ workflows, canEdit, onNotice }: WorkflowGridProps) {
  const trpc = useTRPC();
  const refresh = useRefreshWorkflows();
  const [dialog, setDialog] = useState<CardDialog | null>(null);
  const duplicate = useMutation(
    trpc.workflows.duplicate.mutationOptions({
      onSuccess: (copy, { workflowId }) => {
        const original = workflows.find((workflow) => workflow.id === workflowId);
        onNotice({ tone: "success", text: `Duplicated ${original?.name ?? "the workflow"} as ${copy.name}.` });
        void refresh();
      },
      onError: (error) => onNotice({ tone: "error", text: formErrorsOf(error, []).message ?? "The workflow could not be duplicated." }),
    }),
  );

  const closeDialog = () => setDialog((current) => current && { ...current, open: false });
  const succeeded = (text: string) => onNotice({ tone: "success", text });

  return (
    <>
      <ul aria-label="Workflows" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {workflows.map((workflow) => (
          <li key={workflow.id}>
            <WorkflowCard
              workflow={workflow}
              canEdit={canEdit}
              duplicating={duplicate.isPending && duplicate.variables.workflowId === workflow.id}
              onRename={() => setDialog({ kind: "rename", workflow, open: true })}
              onDuplicate={() => duplicate.mutate({ workflowId: workflow.id })}
              onDelete={() => setDialog({ kind: "delete", workflow, open: true })}
            />
          </li>
        ))}
      </ul>
      {dialog?.kind === "rename" && <RenameWorkflowDialog workflow={dialog.workflow} open={dialog.open} onClose={closeDialog} onRenamed={succeeded} />}
      {dialog?.kind === "delete" && <DeleteWorkflowDialog workflow={dialog.workflow} open={dialog.open} onClose={closeDialog} onDeleted={succeeded} />}
    </>
  );
}
