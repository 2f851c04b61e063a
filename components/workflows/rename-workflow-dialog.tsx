"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formErrorsOf, type FormErrors } from "./form-errors";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useRefreshWorkflows } from "./use-refresh-workflows";
import type { WorkflowSummary } from "./workflow-summary";

const fields = ["name", "description"] as const;
type RenameForm = { name: string; description: string };

interface RenameWorkflowDialogProps {
  workflow: WorkflowSummary;
  open: boolean;
  onClose(): void;
  onRenamed(message: string): void;
}

export function RenameWorkflowDialog({ workflow, open, onClose, onRenamed }: RenameWorkflowDialogProps) {
  const trpc = useTRPC();
  const refresh = useRefreshWorkflows();
  const formId = useId();
  const rename = useMutation(
    trpc.workflows.rename.mutationOptions({
      onSuccess: (renamed) => {
        void refresh();
        close();
        onRenamed(renamed.name === workflow.name ? `Saved ${renamed.name}.` : `Renamed ${workflow.name} to ${renamed.name}.`);
      },
    }),
  );

  function close() {
    rename.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Rename ${workflow.name}`}
      description={`Names are unique within the namespace ${workflow.namespace}.`}
      actions={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={rename.isPending}>
            {rename.isPending ? "Saving…" : "Save"}
          </Button>
        </>
      }
    >
      {/* Mounted only while open (see Dialog), so each opening starts from the workflow's current values. */}
      <RenameFields
        formId={formId}
        initial={{ name: workflow.name, description: workflow.description }}
        errors={formErrorsOf(rename.error, fields)}
        onSubmit={(form) => {
          if (!rename.isPending) rename.mutate({ workflowId: workflow.id, ...form });
        }}
      />
    </Dialog>
  );
}

interface RenameFieldsProps {
  formId: string;
  initial: RenameForm;
  errors: FormErrors<(typeof fields)[number]>;
  onSubmit(form: RenameForm): void;
}

function RenameFields({ formId, initial, errors, onSubmit }: RenameFieldsProps) {
  const [form, setForm] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(form);
  }
  return (
    <form id={formId} onSubmit={submit} noValidate className="space-y-4">
      <FormAlert message={errors.message} />
      <TextField label="Name" required value={form.name} onChange={(name) => setForm({ ...form, name })} error={errors.fields.name} />
      <TextField
        label="Description"
        multiline
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
        error={errors.fields.description}
      />
    </form>
  );
}
