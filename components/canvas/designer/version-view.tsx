"use client";
import { useQuery } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import { useMemo, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { Definition } from "@/engine/definition";
import { createEditorStore } from "../editor-store";
import { FlowCanvas } from "../flow-canvas";
import { Inspector } from "../inspector/inspector";
import { StepDecorationContext, type StepDecoration } from "../nodes/step-decoration";
import { diffDefinitions, mergeForDiff } from "../versions/diff-definitions";
import { DiffList } from "../versions/diff-list";
import { VersionsPanel } from "../versions/versions-panel";
import { DesignerContext, useDesigner } from "./designer-context";
import { normalizeDraft } from "./normalize-draft";

export type ViewMode = { kind: "draft" } | { kind: "version"; number: number } | { kind: "diff"; from: number; to: number };

interface VersionViewProps {
  workflowId: string;
  view: Exclude<ViewMode, { kind: "draft" }>;
  onView(view: ViewMode): void;
  onRestore(number: number): void;
  canEdit: boolean;
}

/** A published version opened read-only, or two versions compared on one canvas. */
export function VersionView({ workflowId, view, onView, onRestore, canEdit }: VersionViewProps) {
  const trpc = useTRPC();
  const first = useQuery(trpc.workflows.version.queryOptions({ workflowId, number: view.kind === "version" ? view.number : view.from }));
  const second = useQuery({ ...trpc.workflows.version.queryOptions({ workflowId, number: view.kind === "diff" ? view.to : 0 }), enabled: view.kind === "diff" });
  const toDraft = () => onView({ kind: "draft" });

  if (first.isError || second.isError)
    return <Notice onBack={toDraft}>The version could not be loaded: {(first.error ?? second.error)!.message}</Notice>;
  if (!first.data || (view.kind === "diff" && !second.data)) return <Notice onBack={toDraft}>Loading…</Notice>;
  const before = normalizeDraft(first.data.definition, "version");
  if (view.kind === "version")
    return (
      <ReadOnlyCanvas key={`v${view.number}`} definition={before} banner={`Viewing version ${view.number} (read-only)`} onBack={toDraft}>
        <VersionsPanel workflowId={workflowId} viewing={view.number} canEdit={canEdit} onRestore={onRestore}
          onOpen={(number) => onView({ kind: "version", number })} onCompare={(from, to) => onView({ kind: "diff", from, to })} />
      </ReadOnlyCanvas>
    );
  return <DiffCanvas key={`d${view.from}-${view.to}`} before={before} after={normalizeDraft(second.data!.definition, "version")} view={view} onBack={toDraft} />;
}

function DiffCanvas({ before, after, view, onBack }: { before: Definition; after: Definition; view: { from: number; to: number }; onBack(): void }) {
  const diff = useMemo(() => diffDefinitions(before, after), [before, after]);
  const merged = useMemo(() => mergeForDiff(before, after), [before, after]);
  const decorations = useMemo(
    () => new Map(Object.entries(merged.stepStatus).filter((entry): entry is [string, StepDecoration] => entry[1] !== "unchanged")),
    [merged],
  );
  return (
    <StepDecorationContext.Provider value={decorations}>
      <ReadOnlyCanvas definition={merged.definition} edgeStatus={merged.edgeStatus} banner={`Comparing version ${view.from} with version ${view.to}`} onBack={onBack}>
        {(select) => <DiffList diff={diff} from={view.from} to={view.to} onSelectStep={select} onClose={onBack} />}
      </ReadOnlyCanvas>
    </StepDecorationContext.Provider>
  );
}

interface ReadOnlyCanvasProps {
  definition: Definition;
  edgeStatus?: Record<string, "added" | "removed" | "unchanged">;
  banner: string;
  onBack(): void;
  children: ReactNode | ((select: (id: string) => void) => ReactNode);
}

function ReadOnlyCanvas({ definition, edgeStatus, banner, onBack, children }: ReadOnlyCanvasProps) {
  // While comparing, the change list is the side panel; a step's details show once one is chosen.
  const comparing = edgeStatus !== undefined;
  const { announce } = useDesigner();
  const [store] = useState(() => createEditorStore(definition));
  const context = useMemo(() => ({ store, readOnly: true, announce }), [store, announce]);
  const { setCenter, getNode } = useReactFlow();
  const selected = useStore(store, (state) => state.selection.length > 0);
  const select = (id: string) => {
    store.getState().setSelection([id]);
    const node = getNode(id);
    if (node) void setCenter(node.position.x + 100, node.position.y + 32, { zoom: 1, duration: 200 });
  };
  return (
    <DesignerContext.Provider value={context}>
      <div role="status" className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
        <span className="font-medium">{banner}</span>
        <Button size="sm" onClick={onBack}>Back to draft</Button>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          <FlowCanvas issues={noIssues} edgeStatus={edgeStatus} />
        </div>
        <div className="flex w-80 shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white">
          {typeof children === "function" ? children(select) : children}
          {(selected || !comparing) && <Inspector store={store} issues={noIssues} focusRequest={null} readOnly />}
        </div>
      </div>
    </DesignerContext.Provider>
  );
}

const noIssues: never[] = [];

function Notice({ children, onBack }: { children: ReactNode; onBack(): void }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 text-sm text-slate-600">
      <p>{children}</p>
      <Button onClick={onBack}>Back to draft</Button>
    </div>
  );
}
