"use client";
import Link from "next/link";
import { useState } from "react";
import { TestRunDialog } from "../test-runs/test-run-dialog";
import { PublishTemplateButton } from "@/components/templates/publish-template-dialog";
import { Button } from "@/components/ui/button";
import type { WorkflowDetail } from "@/server/api/routers/workflows/get.handler";
import type { SaveState } from "../autosave/draft-saver";
import { SaveStatus } from "../autosave/save-status";
import { ImportExportDialog } from "../import-export/import-export-dialog";
import { RunDialog } from "../run-dialog/run-dialog";
import { useDesigner } from "./designer-context";
import { EditToolbar } from "./edit-toolbar";
import { RenameDialog } from "./rename-dialog";
import type { Publishing } from "./use-publishing";
import type { ViewMode } from "./version-view";

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
  issueCount: number;
  /** The server renamed the workflow (and its stored draft, moving its revision). */
  onRenamed(name: string, draftRevision: number): void;
}

export function DesignerHeader({ workflow, saveState, publishing, view, onReload, canEdit, baseRevision, flush, issueCount, onRenamed }: DesignerHeaderProps) {
  const { announce } = useDesigner();
  const [dialog, setDialog] = useState<"rename" | "import-export" | "run" | "test" | null>(null);
  const [name, setName] = useState(workflow.name);
  const close = () => setDialog(null);
  const publishBlocked =
    issueCount > 0
      ? `Fix ${issueCount === 1 ? "the problem" : `the ${issueCount} problems`} to publish`
      : publishing.draftIsPublished && publishing.latestVersion !== null
        ? `Nothing changed since v${publishing.latestVersion}`
        : null;

  const publish = () =>
    publishing.publish().catch((error: unknown) => announce(`Publish failed: ${error instanceof Error ? error.message : String(error)}`));

  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 select-none">
      <Link href="/" aria-label="Back to workflows" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        ←
      </Link>
      <div className="flex min-w-0 flex-col">
        <div className="flex items-center gap-1.5">
          <h1 className="truncate text-base font-semibold text-slate-900">{name}</h1>
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
      {view.kind === "draft" && <EditToolbar />}
      <div className="ml-auto flex items-center gap-2">
        <Link href={`/runs?workflowId=${workflow.id}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Runs
        </Link>
        <Button onClick={() => void flush().catch(() => undefined).finally(() => setDialog("import-export"))}>Import / Export</Button>
        {canEdit && (
          <>
            <Button onClick={() => setDialog("test")} title="Run the draft without publishing">
              Test
            </Button>
            <Button onClick={() => void publish()} disabled={!!publishBlocked || publishing.busy} title={publishBlocked ?? "Publish the draft as a new version"}>
              {publishing.busy ? "Publishing…" : "Publish"}
            </Button>
            <PublishTemplateButton workflowId={workflow.id} workflowName={name} />
            <Button variant="primary" onClick={() => setDialog("run")}>
              Run
            </Button>
          </>
        )}
      </div>
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
        problemCount={issueCount}
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
