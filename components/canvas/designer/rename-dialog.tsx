"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface RenameDialogProps {
  open: boolean;
  onClose(): void;
  workflowId: string;
  name: string;
  onRenamed(name: string, draftRevision: number): void;
}

export function RenameDialog({ open, onClose, workflowId, name, onRenamed }: RenameDialogProps) {
  const trpc = useTRPC();
  const [value, setValue] = useState(name);
  const rename = useMutation(trpc.workflows.rename.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate(
      { workflowId, name: value.trim() },
      {
        onSuccess: (renamed) => {
          onRenamed(renamed.name, renamed.draftRevision);
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open={open} onClose={onClose} title="Rename workflow">
      <form id="rename-workflow" onSubmit={submit} className="flex flex-col gap-3">
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          Name
          <input
            value={value}
            onChange={(event) => setValue(event.target.value)}
            required
            maxLength={200}
            className="rounded-md border border-slate-300 px-2.5 py-1.5 font-normal"
          />
        </label>
        {rename.error && (
          <p role="alert" className="text-rose-700">
            {rename.error.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={rename.isPending}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
