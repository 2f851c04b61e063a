"use client";
import Link from "next/link";
import { useId, useState } from "react";
import { useStore } from "zustand";
import { PublishTemplateDialog } from "@/components/templates/publish-template-dialog";
import { Button } from "@/components/ui/button";
import type { WorkflowDetail } from "@/server/api/routers/workflows/get.handler";
import type { SaveState } from "../autosave/draft-saver";
import { SaveStatus } from "../autosave/save-status";
import { useDesigner } from "./designer-context";
import { EditToolbar } from "./edit-toolbar";
import { RenameDialog } from "./rename-dialog";
import type { Publishing } from "./use-publishing";
import type { ViewMode } from "./version-view";
import { lazyWhenOpen } from "@/components/ui/lazy-when-open";

// Loaded when first opened: the run dialog's form (RJSF, Ajv) and import/export are not needed to show the designer.
const ImportExportDialog = lazyWhenOpen(() => import("../import-export/import-export-dialog").then((module) => module.ImportExportDialog));
const RunDialog = lazyWhenOpen(() => import("../run-dialog/run-dialog").then((module) => module.RunDialog));
const TestRunDialog = lazyWhenOpen(() => import("../test-runs/test-run-dialog").then((module) => module.TestRunDialog));

interface DesignerHeaderProps {
  workflow: WorkflowDetail;
  saveState: SaveState;
  publishing: Publishing;
  view: ViewMode;
  onView(view: ViewMode): void;
  onReload(): void;
  canEdit: boolean;
  baseRevision(): number;
  /** Saves pending edits now (export shows the saved draft); failures leave them pending. */
  flush(): Promise<unknown>;
  /** Problems in the draft; `null` while the validator is still loading. */
  issueCount: number | null;
  /** The server renamed the workflow (and its stored draft, moving its revision). */
  onRenamed(name: string, draftRevision: number): void;
}

export function DesignerHeader({ workflow, saveState, publishing, view, onReload, canEdit, baseRevision, flush, issueCount, onRenamed }: DesignerHeaderProps) {
  const { announce, store } = useDesigner();
  const title = useStore(store, (state) => state.definition.title);
  const [dialog, setDialog] = useState<"rename" | "import-export" | "run" | "test" | "template" | null>(null);
  const [name, setName] = useState(workflow.name);
  const close = () => setDialog(null);
  const publishBlocked =
    issueCount === null
      ? "Checking the draft…"
      : issueCount > 0
      ? `Fix ${issueCount === 1 ? "the problem" : `the ${issueCount} problems`} to publish`
      : publishing.draftIsPublished && publishing.latestVersion !== null
        ? `Nothing changed since v${publishing.latestVersion}`
        : null;

  const openImportExport = () => void flush().catch(() => undefined).finally(() => setDialog("import-export"));
  const publish = () =>
    publishing.publish().catch((error: unknown) => announce(`Publish failed: ${error instanceof Error ? error.message : String(error)}`));

  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 select-none">
      <Link href="/" aria-label="Back to workflows" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        ←
      </Link>
      <div className="flex min-w-0 flex-col">
        <div className="flex items-center gap-1.5">
          <h1 title={name} className="truncate text-base font-semibold text-slate-900">
            {title || name}
          </h1>
          {canEdit && (
            <Button variant="ghost" size="sm" onClick={() => setDialog("rename")} aria-label="Rename workflow">
              ✎
            </Button>
          )}
          <VersionBadge publishing={publishing} />
        </div>
        {view.kind === "draft" && canEdit && <SaveStatus state={saveState} />}
      </div>
      <div className="mx-2 h-8 w-px bg-slate-200" aria-hidden="true" />
      <div className="min-w-0 shrink whitespace-nowrap">{view.kind === "draft" && <EditToolbar />}</div>
      <div className="ml-auto flex shrink-0 items-center gap-2 whitespace-nowrap">
        <Link href={`/runs?workflowId=${workflow.id}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Runs
        </Link>
        {/* Wide windows show every action; narrower ones keep the rarer two in "More", so the toolbar never wraps. */}
        <div className="hidden items-center gap-2 2xl:flex">
          <Button onClick={openImportExport}>Import / Export</Button>
          {canEdit && <Button onClick={() => setDialog("template")}>Publish as template</Button>}
        </div>
        <MoreMenu
          className="2xl:hidden"
          items={[
            { label: "Import / Export", onSelect: openImportExport },
            ...(canEdit ? [{ label: "Publish as template", onSelect: () => setDialog("template") }] : []),
          ]}
        />
        {canEdit && (
          <>
            <Button onClick={() => setDialog("test")} title="Run the draft without publishing">
              Test
            </Button>
            <Button onClick={() => void publish()} disabled={!!publishBlocked || publishing.busy} title={publishBlocked ?? "Publish the draft as a new version"}>
              {publishing.busy ? "Publishing…" : "Publish"}
            </Button>
            <Button variant="primary" onClick={() => setDialog("run")}>
              Run
            </Button>
          </>
        )}
      </div>
      {canEdit && <PublishTemplateDialog workflowId={workflow.id} workflowName={name} open={dialog === "template"} onClose={close} />}
      <RenameDialog
        open={dialog === "rename"}
        onClose={close}
        workflowId={workflow.id}
        name={name}
        onRenamed={(renamed, draftRevision) => {
          setName(renamed);
          onRenamed(renamed, draftRevision);
        }}
      />
      <ImportExportDialog
        workflowId={workflow.id}
        open={dialog === "import-export"}
        onClose={close}
        baseRevision={baseRevision()}
        canEdit={canEdit}
        onImported={() => onReload()}
      />
      <TestRunDialog workflowId={workflow.id} open={dialog === "test"} onClose={close} flush={flush} />
      <RunDialog
        workflowId={workflow.id}
        open={dialog === "run"}
        onClose={close}
        latestVersion={publishing.latestVersion}
        draftIsPublished={publishing.draftIsPublished}
        draftIsValid={issueCount === 0}
        problemCount={issueCount ?? 0}
        publish={publishing.publish}
        canEdit={canEdit}
      />
    </header>
  );
}

function VersionBadge({ publishing }: { publishing: Publishing }) {
  const { latestVersion, draftIsPublished } = publishing;
  const text = latestVersion === null ? "Never published" : draftIsPublished ? `Version ${latestVersion}` : `Draft · last published v${latestVersion}`;
  return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs whitespace-nowrap text-slate-600">{text}</span>;
}

/** A menu button whose items run an action and close it (Escape or a click elsewhere closes it too). */
function MoreMenu({ items, className = "" }: { items: { label: string; onSelect(): void }[]; className?: string }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  return (
    <div
      className={`relative ${className}`}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
      <Button aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        More
      </Button>
      {open && (
        <div id={menuId} role="menu" aria-label="More actions" className="absolute right-0 z-30 mt-1 flex min-w-44 flex-col rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className="px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none"
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
