"use client";
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState } from "react";
import { DesignerContext } from "@/components/canvas/designer/designer-context";
import { normalizeDraft } from "@/components/canvas/designer/normalize-draft";
import { useAnnouncer } from "@/components/canvas/designer/use-announcer";
import { createEditorStore } from "@/components/canvas/editor-store";
import { FlowCanvas } from "@/components/canvas/flow-canvas";
import { Inspector } from "@/components/canvas/inspector/inspector";

const noIssues: never[] = [];

/**
 * A template's definition drawn read-only with the designer's own canvas and inspector (as a
 * published version is shown): steps can be selected to read their settings, nothing can change.
 */
export function TemplateCanvas({ definition, name }: { definition: unknown; name: string }) {
  return (
    <ReactFlowProvider>
      <TemplateCanvasBody definition={definition} name={name} />
    </ReactFlowProvider>
  );
}

function TemplateCanvasBody({ definition, name }: { definition: unknown; name: string }) {
  const [store] = useState(() => createEditorStore(normalizeDraft(definition, name)));
  const [message, announce] = useAnnouncer();
  const context = useMemo(() => ({ store, readOnly: true, announce }), [store, announce]);
  return (
    <DesignerContext.Provider value={context}>
      <div className="flex h-[32rem] overflow-hidden rounded-xl border border-slate-200 bg-slate-50 shadow-sm">
        <div className="relative min-w-0 flex-1 select-none">
          <FlowCanvas issues={noIssues} miniMap={false} />
        </div>
        <div className="hidden w-80 shrink-0 lg:block">
          <Inspector store={store} issues={noIssues} focusRequest={null} readOnly />
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {message}
      </p>
    </DesignerContext.Provider>
  );
}
