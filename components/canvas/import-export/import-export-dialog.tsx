"use client";
import { useId, useRef, useState, type KeyboardEvent, type ReactElement } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ExportPanel } from "./export-panel";
import { ImportPanel } from "./import-panel";

export interface ImportExportDialogProps {
  workflowId: string;
  open: boolean;
  onClose(): void;
  /** The draft revision the designer holds: an import over a newer draft is refused (or, on request, forced). */
  baseRevision: number;
  canEdit: boolean;
  /** The draft was replaced: the designer reloads it. */
  onImported(result: { draftRevision: number }): void;
}

const tabs = ["Export", "Import"] as const;
type Tab = (typeof tabs)[number];

/** Export the saved draft as a JSON or YAML file, or replace the draft with an imported one. */
export function ImportExportDialog({ workflowId, open, onClose, baseRevision, canEdit, onImported }: ImportExportDialogProps): ReactElement {
  return (
    <Dialog open={open} onClose={onClose} title="Import and export" size="lg" actions={<Button onClick={onClose}>Close</Button>}>
      {/* Rendered only while open (Dialog drops its children when closed), so every opening starts fresh. */}
      <Tabs>
        {(tab) =>
          tab === "Export" ? (
            <ExportPanel workflowId={workflowId} />
          ) : (
            <ImportPanel
              workflowId={workflowId}
              baseRevision={baseRevision}
              canEdit={canEdit}
              onImported={(result) => {
                onImported(result);
                onClose();
              }}
            />
          )
        }
      </Tabs>
    </Dialog>
  );
}

/** WAI-ARIA tabs: arrow keys move between tabs; inactive panels stay mounted (hidden) so typed text survives a switch. */
function Tabs({ children }: { children(tab: Tab): ReactElement }) {
  const [active, setActive] = useState<Tab>("Export");
  const baseId = useId();
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(tabs.indexOf(active) + step + tabs.length) % tabs.length]!;
    setActive(next);
    refs.current[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Import or export" className="mb-4 flex gap-1 border-b border-slate-200" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              refs.current[tab] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-${tab}-tab`}
            aria-selected={tab === active}
            aria-controls={`${baseId}-${tab}-panel`}
            tabIndex={tab === active ? 0 : -1}
            onClick={() => setActive(tab)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${tab === active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
          >
            {tab}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab} role="tabpanel" id={`${baseId}-${tab}-panel`} aria-labelledby={`${baseId}-${tab}-tab`} hidden={tab !== active}>
          {children(tab)}
        </div>
      ))}
    </>
  );
}
