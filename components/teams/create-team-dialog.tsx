"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";
import { useTeamChanged } from "./use-team-changed";

const fields = ["name"] as const;

/** "Create team": a name; the new team has the caller as owner and becomes the one they act in. */
export function CreateTeamDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const trpc = useTRPC();
  const teamChanged = useTeamChanged();
  const formId = useId();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.teams.create.mutationOptions({
      onSuccess: () => {
        setName("");
        onClose();
        teamChanged({ goHome: true });
      },
    }),
  );
  const errors = formErrorsOf(create.error, fields);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ name });
  }

  function close() {
    create.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create team"
      description="You will be its owner: invite people from the team settings."
      actions={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create team"}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={errors.message} />
        <TextField label="Team name" required value={name} onChange={setName} error={errors.fields.name} />
      </form>
    </Dialog>
  );
}
