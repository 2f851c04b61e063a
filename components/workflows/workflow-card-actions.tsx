import type { ReactNode } from "react";

export interface WorkflowCardActionsProps {
  name: string;
  duplicating: boolean;
  onRename(): void;
  onDuplicate(): void;
  onDelete(): void;
}

/** Icon buttons named after the workflow ("Rename order_sync"), so each is unambiguous on a page of cards. */
export function WorkflowCardActions({ name, duplicating, onRename, onDuplicate, onDelete }: WorkflowCardActionsProps) {
  return (
    <div className="flex shrink-0 items-center gap-0.5">
      <IconButton label={`Rename ${name}`} onClick={onRename}>
        <path d="M10.5 3.5l2 2L6 12H4v-2l6.5-6.5z" strokeLinejoin="round" />
      </IconButton>
      <IconButton label={`Duplicate ${name}`} onClick={onDuplicate} disabled={duplicating}>
        <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
        <path d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5" />
      </IconButton>
      <IconButton label={`Delete ${name}`} onClick={onDelete} danger>
        <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.1a1 1 0 0 0 1 .9h3.8a1 1 0 0 0 1-.9l.6-8.1" strokeLinejoin="round" />
      </IconButton>
    </div>
  );
}

interface IconButtonProps {
  label: string;
  onClick(): void;
  disabled?: boolean;
  danger?: boolean;
  children: ReactNode;
}

function IconButton({ label, onClick, disabled, danger, children }: IconButtonProps) {
  const hover = danger ? "hover:bg-rose-50 hover:text-rose-700" : "hover:bg-slate-100 hover:text-slate-900";
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={`rounded-md p-1.5 text-slate-500 transition focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-50 ${hover}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 fill-none stroke-current" strokeWidth="1.5" strokeLinecap="round">
        {children}
      </svg>
    </button>
  );
}
