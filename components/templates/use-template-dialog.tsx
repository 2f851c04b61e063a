"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";
import type { TemplateDetailData } from "./template-types";

const fields = ["name"] as const;

/** "Use template": asks for the new workflow's name, makes it from the latest version and opens it in the designer. */
export function UseTemplateButton({ template }: { template: TemplateDetailData }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(template.suggestedName);
  const create = useMutation(
    trpc.templates.use.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.workflows.pathKey() });
        router.push(`/workflows/${id}`);
      },
    }),
  );
  const errors = formErrorsOf(create.error, fields);
  // After success the dialog stays busy until the designer replaces this page.
  const busy = create.isPending || create.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = name.trim();
    if (!busy) create.mutate({ templateId: template.id, ...(chosen && { name: chosen }) });
  }

  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          create.reset();
          setName(template.suggestedName);
          setOpen(true);
        }}
      >
        Use template
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Use template"
        description={`Creates a workflow in your team from version ${template.latestVersion} of “${template.title}”, published and ready to run.`}
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
          <TextField
            label="Workflow name"
            value={name}
            onChange={setName}
            error={errors.fields.name}
            hint="Lowercase letters, digits and _. If your team already has a workflow by this name, _2 is added."
          />
          {template.secretNames.length > 0 && (
            <p className="text-xs text-amber-800">Runs need the team secrets {template.secretNames.join(", ")}: no secret values are copied.</p>
          )}
        </form>
      </Dialog>
    </>
  );
}
