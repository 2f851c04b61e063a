"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { z } from "zod";
import { descriptionSchema, workflowNameSchema, workflowNamespaceSchema } from "@/engine/definition/workflow-names";
import { checkForm, formErrorsOf, type MutationError } from "./form-errors";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useRefreshWorkflows } from "./use-refresh-workflows";

const emptyForm = { name: "", namespace: "default", description: "" };
const fields = ["name", "namespace", "description"] as const;
/** The rules of `workflows.create`'s input (the server checks them again, and whether the name is free). */
const formSchema = z.object({ name: workflowNameSchema, namespace: workflowNamespaceSchema, description: descriptionSchema });

/** "New workflow": asks for a name, creates an empty draft and opens it in the designer. */
export function CreateWorkflowButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useRefreshWorkflows();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(emptyForm);
  const create = useMutation(
    trpc.workflows.create.mutationOptions({
      onSuccess: ({ id }) => {
        void refresh();
        router.push(`/workflows/${id}`);
      },
    }),
  );
  const [checked, setChecked] = useState<MutationError | null>(null);
  const errors = formErrorsOf(checked ?? create.error, fields);
  // After success the dialog stays open and busy until the designer replaces this page.
  const busy = create.isPending || create.isSuccess;

  function openDialog() {
    setForm(emptyForm);
    setChecked(null);
    create.reset();
    setOpen(true);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const refused = checkForm(formSchema, form);
    setChecked(refused);
    if (!refused) create.mutate(form);
  }

  const set = (field: keyof typeof emptyForm) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  return (
    <>
      <Button variant="primary" onClick={openDialog} className="shrink-0 py-2">
        <PlusIcon />
        New workflow
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="New workflow"
        description="It starts as an empty draft that you design on the canvas."
        actions={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" disabled={busy}>
              {busy ? "Creating…" : "Create workflow"}
            </Button>
          </>
        }
      >
        <form id={formId} onSubmit={submit} noValidate className="space-y-4">
          <FormAlert message={errors.message} />
          <TextField label="Name" required value={form.name} onChange={set("name")} error={errors.fields.name} hint="Lowercase letters, digits and _, like order_sync." />
          <TextField label="Namespace" value={form.namespace} onChange={set("namespace")} error={errors.fields.namespace} />
          <TextField label="Description" multiline value={form.description} onChange={set("description")} error={errors.fields.description} />
        </form>
      </Dialog>
    </>
  );
}

function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 fill-none stroke-current" strokeWidth="1.75" strokeLinecap="round">
      <path d="M8 3v10M3 8h10" />
    </svg>
  );
}
