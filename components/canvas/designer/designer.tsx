"use client";
import { Panel, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { lazy, Suspense, useCallback, useDeferredValue, useMemo, useState, type ReactNode } from "react";
import { useTRPCClient } from "@/components/trpc/trpc-context";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { useInBrowser, usePageIdle } from "@/components/ui/use-page-idle";
import { useRememberedChoice } from "@/components/ui/use-remembered-choice";
import { useStore } from "zustand";
import type { Definition, ValidationIssue } from "@/engine/definition";
import type { WorkflowDetail } from "@/server/api/routers/workflows/get.handler";
import { useAutosave } from "../autosave/use-autosave";
import { ConnectionsPanel } from "../connections-panel";
import { createEditorStore, type EditorStore } from "../editor-store";
import { FlowCanvas, openingFlow, SeedOpeningView, type OpeningFlow } from "../flow-canvas";
import type { PaneSize } from "../pane-size";
import type { StepTesting } from "../test-runs/step-test-panel";
import { Palette } from "../palette/palette";
import { problemTarget, ProblemsPanel } from "../problems-panel";
import { useDesignerShortcuts } from "../use-designer-shortcuts";
import { TemplateUpdateNotice } from "@/components/templates/template-update-notice";
import { ConflictBanner } from "./conflict-banner";
import { DesignerContext, useDesigner, type DesignerContextValue } from "./designer-context";
import { DesignerHeader } from "./designer-header";
import { normalizeDraft } from "./normalize-draft";
import { useAnnouncer } from "./use-announcer";
import { useDraftIssues } from "./use-draft-issues";
import { usePublishing } from "./use-publishing";
import type { ViewMode } from "./version-view";

// Shown on demand (a tab, a version, a redrive link): their code loads then, not with the designer.
const TriggersPanel = lazy(() => import("../triggers/triggers-panel").then((module) => ({ default: module.TriggersPanel })));
const VersionsPanel = lazy(() => import("../versions/versions-panel").then((module) => ({ default: module.VersionsPanel })));
const VersionView = lazy(() => import("./version-view").then((module) => ({ default: module.VersionView })));
// The inspector loads once the canvas has painted: the workflow shows first.
const Inspector = lazy(() => import("../inspector/inspector").then((module) => ({ default: module.Inspector })));
const RedrivePanel = lazy(() => import("./redrive-panel").then((module) => ({ default: module.RedrivePanel })));
const loading = <p className="p-4 text-sm text-slate-500">Loading…</p>;

export interface DesignerProps {
  workflow: WorkflowDetail;
  /** Discards this designer's state and opens the stored draft again. */
  onReload(): void;
  /** A failed or cancelled run to fix and continue ("Fix and continue" on its page). */
  redriveRunId?: string | null;
  /** The canvas pane's size as last reported by this browser (a cookie): the server draws the first view for it. */
  pane: PaneSize;
}

/** The workflow designer: palette, canvas, inspector, problems, versions, autosave. */
export function Designer(props: DesignerProps) {
  const [store] = useState(() => createEditorStore(normalizeDraft(props.workflow.draft, props.workflow.name)));
  // React Flow starts with the steps and the viewport of the first view: the server draws it.
  const [opening] = useState(() => openingFlow(store.getState().definition, props.pane));
  return (
    <ReactFlowProvider initialNodes={opening.nodes} initialEdges={opening.edges} initialWidth={opening.pane.width} initialHeight={opening.pane.height}>
      <SeedOpeningView opening={opening} />
      <DesignerBody {...props} store={store} opening={opening} />
    </ReactFlowProvider>
  );
}

function DesignerBody({ workflow, onReload, redriveRunId = null, store, opening }: DesignerProps & { store: EditorStore; opening: OpeningFlow }) {
  const [message, announce] = useAnnouncer();
  const [view, setView] = useState<ViewMode>({ kind: "draft" });
  const canEdit = workflow.canEdit;
  const autosave = useAutosave(store, workflow.id, workflow.draftRevision, canEdit);
  const definition = useStore(store, (state) => state.definition);
  const selection = useStore(store, (state) => state.selection);
  // Validation costs ~30 ms at 1,000 steps: run it once typing pauses, not on every keystroke.
  const checked = useDeferredValue(useDebouncedValue(definition, 150));
  const checkedIssues = useDraftIssues(checked, workflow);
  const checking = checkedIssues === null;
  const issues = checkedIssues ?? noIssues;
  const publishing = usePublishing({ store, workflow, saver: autosave.saver, announce, issueCount: issues.length });
  const [focusRequest, setFocusRequest] = useState<{ path: string; nonce: number } | null>(null);
  const context = useMemo<DesignerContextValue>(() => ({ store, readOnly: !canEdit, announce }), [store, canEdit, announce]);
  const saver = autosave.saver;
  const [previewRunId, choosePreviewRun] = useState<string | null>(null);
  const testing = useMemo(
    () => (canEdit ? { workflowId: workflow.id, flush: () => saver.flush(), previewRunId, choosePreviewRun } : null),
    [canEdit, workflow.id, saver, previewRunId],
  );
  const { setCenter, getNode } = useReactFlow();
  // The server draws the designer; until its code runs here nothing in it works, so nothing in it
  // can be clicked, focused or read out (a click would be lost).
  const interactive = useInBrowser();

  const chooseProblem = useCallback(
    (issue: ValidationIssue) => {
      const target = problemTarget(store.getState().definition, issue);
      store.getState().setSelection(target.stepId ? [target.stepId] : []);
      const node = target.stepId ? getNode(target.stepId) : undefined;
      if (node) void setCenter(node.position.x + (node.measured?.width ?? 200) / 2, node.position.y + (node.measured?.height ?? 64) / 2, { zoom: 1, duration: 200 });
      setFocusRequest((previous) => ({ path: issue.path, nonce: (previous?.nonce ?? 0) + 1 }));
    },
    [store, getNode, setCenter],
  );

  const client = useTRPCClient();
  const restore = useCallback(
    async (number: number) => {
      try {
        const version = await client.workflows.version.query({ workflowId: workflow.id, number });
        store.getState().replaceDefinition(normalizeDraft(version.definition, workflow.name));
        setView({ kind: "draft" });
        announce(`Restored version ${number} as the draft (undo to go back)`);
      } catch (error) {
        announce(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [client, store, workflow.id, workflow.name, announce],
  );

  return (
    <DesignerContext.Provider value={context}>
      <div className="fixed inset-x-0 top-16 bottom-0 flex flex-col bg-slate-50" inert={!interactive}>
        <DesignerHeader
          workflow={workflow}
          saveState={autosave.state}
          publishing={publishing}
          view={view}
          onView={setView}
          onReload={onReload}
          canEdit={canEdit}
          baseRevision={() => autosave.saver.revision}
          flush={() => autosave.saver.flush()}
          issueCount={checking ? null : issues.length}
          onRenamed={(name, draftRevision) => {
            autosave.saver.adoptRevision(draftRevision);
            store.getState().adoptName(name);
          }}
        />
        {autosave.state.kind === "conflict" && (
          <ConflictBanner message={autosave.state.message} onReload={onReload} onOverwrite={() => void autosave.saver.overwrite(store.getState().definition)} />
        )}
        {redriveRunId && (
          <Suspense fallback={null}>
            <RedrivePanel runId={redriveRunId} store={store} publishing={publishing} issueCount={checking ? null : issues.length} canEdit={canEdit} restore={restore} announce={announce} />
          </Suspense>
        )}
        <TemplateUpdateNotice template={workflow.template} />
        {view.kind === "draft" ? (
          <DraftWorkspace
            opening={opening}
            checked={checked}
            issues={issues}
            checking={checking}
            focusRequest={focusRequest}
            onChooseProblem={chooseProblem}
            selection={selection}
            canEdit={canEdit}
            testing={testing}
            triggers={<TriggersPanel workflowId={workflow.id} canEdit={canEdit} latestVersion={publishing.latestVersion} />}
            versions={<VersionsPanel workflowId={workflow.id} viewing={null} canEdit={canEdit} onRestore={restore} onOpen={(number) => setView({ kind: "version", number })} onCompare={(from, to) => setView({ kind: "diff", from, to })} />}
          />
        ) : (
          <Suspense fallback={loading}>
            <VersionView workflowId={workflow.id} view={view} onView={setView} onRestore={restore} canEdit={canEdit} />
          </Suspense>
        )}
        <p aria-live="polite" className="pointer-events-none fixed bottom-4 left-1/2 z-20 -translate-x-1/2">
          {message && <span className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white shadow-lg">{message}</span>}
        </p>
        {definition.steps.length === 0 && view.kind === "draft" && <EmptyCanvasHint />}
      </div>
    </DesignerContext.Provider>
  );
}

interface DraftWorkspaceProps {
  versions: ReactNode;
  triggers: ReactNode;
  /** The definition `issues` were found in (their paths index into it). */
  checked: Definition;
  issues: ValidationIssue[];
  /** The validator is still loading: no problems are known yet. */
  checking: boolean;
  focusRequest: { path: string; nonce: number } | null;
  onChooseProblem(issue: ValidationIssue): void;
  selection: string[];
  canEdit: boolean;
  testing: StepTesting | null;
  opening: OpeningFlow;
}

function DraftWorkspace({ opening, versions, triggers, checked, issues, checking, focusRequest, onChooseProblem, selection, canEdit, testing }: DraftWorkspaceProps) {
  const { store } = useDesigner();
  const [tab, setTab] = useState<SidePanelTab>("inspector");
  const [palette, setPalette] = useRememberedChoice("orka.designer.palette", "open", panelStates);
  const [sidePanel, setSidePanel] = useRememberedChoice("orka.designer.side-panel", "open", panelStates);
  useDesignerShortcuts();
  const pageIdle = usePageIdle();
  // A chosen problem shows the inspector, where its field is: adjusted while rendering, not in an effect.
  const [handledFocusRequest, setHandledFocusRequest] = useState(focusRequest);
  if (focusRequest !== handledFocusRequest) {
    setHandledFocusRequest(focusRequest);
    if (focusRequest) {
      setTab("inspector");
      setSidePanel("open");
    }
  }
  return (
    <div className="flex min-h-0 flex-1">
      {canEdit && (
        <div className="flex shrink-0 border-r border-slate-200 bg-white">
          {palette === "open" && <Palette />}
          <PanelToggle what="step palette" side="left" open={palette === "open"} onToggle={() => setPalette(palette === "open" ? "collapsed" : "open")} />
        </div>
      )}
      <div className="relative min-w-0 flex-1 select-none">
        <FlowCanvas issues={issues} opening={opening}>
          <Panel position="bottom-left" className="!m-3 !ml-14">
            <ProblemsPanel definition={checked} issues={issues} checking={checking} onChoose={onChooseProblem} />
          </Panel>
        </FlowCanvas>
      </div>
      {sidePanel === "collapsed" ? (
        <div className="flex shrink-0 border-l border-slate-200 bg-white">
          <PanelToggle what="side panel" side="right" open={false} onToggle={() => setSidePanel("open")} />
        </div>
      ) : (
        <div className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white">
          <div className="flex shrink-0 border-b border-slate-200">
            <PanelToggle what="side panel" side="right" open onToggle={() => setSidePanel("collapsed")} />
            <SidePanelTabs tab={tab} onTab={setTab} />
          </div>
          <div role="tabpanel" aria-label={sidePanelTabs.find(([value]) => value === tab)![1]} className="min-h-0 flex-1 overflow-y-auto">
            {tab === "inspector" ? (
              <>
                {pageIdle ? (
                  <Suspense fallback={loading}>
                    <Inspector store={store} issues={issues} focusRequest={focusRequest} readOnly={!canEdit} testing={testing} />
                  </Suspense>
                ) : (
                  loading
                )}
                {selection.length === 1 && <ConnectionsPanel stepId={selection[0]!} />}
              </>
            ) : (
              <Suspense fallback={loading}>{tab === "versions" ? versions : <div className="p-4">{triggers}</div>}</Suspense>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

const noIssues: ValidationIssue[] = [];
const panelStates = ["open", "collapsed"] as const;

/** Shows or hides a panel beside the canvas; the choice is remembered in this browser. */
function PanelToggle({ what, side, open, onToggle }: { what: string; side: "left" | "right"; open: boolean; onToggle(): void }) {
  // The chevron points the way the panel will move.
  const pointsLeft = side === "left" ? open : !open;
  return (
    <button
      type="button"
      aria-label={`${open ? "Hide" : "Show"} ${what}`}
      aria-expanded={open}
      title={`${open ? "Hide" : "Show"} ${what}`}
      onClick={onToggle}
      className={`flex w-7 shrink-0 items-start justify-center pt-2.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600 ${side === "right" && open ? "border-r border-slate-200" : ""}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4 fill-none stroke-current" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round">
        <path d={pointsLeft ? "M10 3 5 8l5 5" : "M6 3l5 5-5 5"} />
      </svg>
    </button>
  );
}


type SidePanelTab = "inspector" | "versions" | "triggers";
const sidePanelTabs = [
  ["inspector", "Inspector"],
  ["versions", "Versions"],
  ["triggers", "Triggers"],
] as const;

function SidePanelTabs({ tab, onTab }: { tab: SidePanelTab; onTab(tab: SidePanelTab): void }) {
  const tabs = sidePanelTabs;
  return (
    <div role="tablist" aria-label="Side panel" className="flex min-w-0 flex-1 select-none">
      {tabs.map(([value, label]) => (
        <button
          key={value}
          type="button"
          role="tab"
          aria-selected={tab === value}
          onClick={() => onTab(value)}
          className={`flex-1 px-3 py-2 text-sm font-medium ${tab === value ? "border-b-2 border-indigo-600 text-indigo-700" : "text-slate-500 hover:text-slate-800"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function EmptyCanvasHint() {
  return (
    <div className="pointer-events-none fixed inset-x-0 top-1/2 flex justify-center">
      <p className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-4 py-3 text-sm text-slate-500">
        Drag a step from the palette, or press one to add it here.
      </p>
    </div>
  );
}
