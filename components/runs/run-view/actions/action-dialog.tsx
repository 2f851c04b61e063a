"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/text-field";

export interface ActionDialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  children?: ReactNode;
  /** Performs the action; a thrown error's message is shown and the dialog stays open. */
  onConfirm(): Promise<void>;
}

/** Every operator action is confirmed here: it names what will happen and shows why it failed. */
export function ActionDialog({ open, onClose, title, description, confirmLabel, danger, children, onConfirm }: ActionDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} size="md">
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        {children}
        <FormAlert message={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}


/** Parses operator-supplied JSON; an empty field is `undefined`, bad JSON throws a message for the dialog. */
export function parseJsonField(text: string, what: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}
