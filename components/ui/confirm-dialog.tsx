"use client";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

interface ConfirmDialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  description?: ReactNode;
  /** The danger button's label, naming the action ("Delete webhook"). */
  confirmLabel: string;
  /** Runs the action; the dialog closes right after. */
  onConfirm(): void;
  children?: ReactNode;
}

/** "Are you sure?" before something that cannot be taken back: Cancel, or the named action. */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, children }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
