"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formErrorsOf } from "./form-errors";
import { FormAlert } from "@/components/ui/text-field";
import { useRefreshWorkflows } from "./use-refresh-workflows";
import type { WorkflowSummary } from "./workflow-summary";

interface DeleteWorkflowDialogProps {
  workflow: WorkflowSummary;
  open: boolean;
  onClose(): void;
  onDeleted(message: string): void;
}

/** Asks before deleting; only its confirm button deletes. */
export function DeleteWorkflowDialog({ workflow, open, onClose, onDeleted }: DeleteWorkflowDialogProps) {
  const trpc = useTRPC();
  const refresh = useRefreshWorkflows();
  const remove = useMutation(
    trpc.workflows.delete.mutationOptions({
      onSuccess: () => {
        close();
        onDeleted(`Deleted ${workflow.name}.`);
        void refresh();
      },
    }),
  );

  function close() {
    remove.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Delete ${workflow.name}?`}
      description={
        <>
          Its <strong className="font-medium text-slate-900">draft</strong> and every{" "}
          <strong className="font-medium text-slate-900">published version</strong> are deleted. Its{" "}
          <strong className="font-medium text-slate-900">runs</strong> keep their copy of the definition but are no longer listed with
          a workflow.
        </>
      }
      actions={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ workflowId: workflow.id })}>
            {remove.isPending ? "Deleting…" : "Delete workflow"}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        {/* A workflow with runs of a published version cannot be deleted (CONFLICT): the reason shows here. */}
        <FormAlert message={formErrorsOf(remove.error, []).message} />
        <p className="text-slate-700">This cannot be undone.</p>
      </div>
    </Dialog>
  );
}
