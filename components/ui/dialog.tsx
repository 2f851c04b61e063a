"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

export interface DialogProps {
  open: boolean;
  onClose(): void;
  /** The dialog's accessible name (its visible heading). */
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Buttons shown at the bottom right. */
  actions?: ReactNode;
  size?: "sm" | "md" | "lg";
}

const widths = { sm: "max-w-md", md: "max-w-xl", lg: "max-w-3xl" };

/**
 * A modal on the native `<dialog>`: the browser traps focus, Escape closes it, the page behind is
 * inert, and it has role "dialog" named by its title, so `getByRole("dialog", { name })` finds it.
 */
export function Dialog({ open, onClose, title, description, children, actions, size = "sm" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
      className={`m-auto w-full ${widths[size]} rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="border-b border-slate-100 px-5 py-4">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-slate-600">
                {description}
              </div>
            )}
          </div>
          <div className="overflow-y-auto px-5 py-4 text-sm">{children}</div>
          {actions && <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">{actions}</div>}
        </div>
      )}
    </dialog>
  );
}
