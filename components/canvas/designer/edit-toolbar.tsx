"use client";
import { useReactFlow } from "@xyflow/react";
import { useStore } from "zustand";
import { Button } from "@/components/ui/button";
import { canRedo, canUndo } from "../editor-store";
import { zoomToFitOptions } from "../readable-view";
import { useDesigner } from "./designer-context";

/** Undo/redo, layout and view buttons: each shortcut also has a named button. */
export function EditToolbar() {
  const { store, readOnly, announce } = useDesigner();
  const undoable = useStore(store, canUndo);
  const redoable = useStore(store, canRedo);
  const selection = useStore(store, (state) => state.selection);
  const { fitView, getNodes } = useReactFlow();

  const zoomToFit = () => void fitView(zoomToFitOptions(getNodes().length));
  const layout = async () => {
    // dagre is loaded on the first layout, not with the designer.
    const { autoLayout } = await import("../auto-layout");
    const sizes = new Map(
      getNodes().flatMap((node) => (node.measured?.width && node.measured.height ? [[node.id, { width: node.measured.width, height: node.measured.height }] as const] : [])),
    );
    const { definition } = store.getState();
    const partial = selection.length >= 2;
    store.getState().applyLayout(autoLayout(definition, partial ? selection : undefined, sizes));
    announce(partial ? `Laid out ${selection.length} steps` : "Laid out the workflow");
    requestAnimationFrame(() => zoomToFit());
  };
  const removeSelection = () => {
    if (selection.length) store.getState().removeSteps(selection);
  };
  const duplicate = () => {
    const ids = store.getState().duplicate(selection);
    if (ids.length) announce(`Duplicated as ${ids.join(", ")}`);
  };

  return (
    <div role="toolbar" aria-label="Edit" className="flex items-center gap-1">
      {!readOnly && (
        <>
          <Button variant="ghost" size="sm" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!undoable} onClick={() => store.getState().undo()}>
            <Glyph>↶</Glyph>
          </Button>
          <Button variant="ghost" size="sm" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!redoable} onClick={() => store.getState().redo()}>
            <Glyph>↷</Glyph>
          </Button>
          <Separator />
          <Button variant="ghost" size="sm" onClick={() => void layout()} title={selection.length >= 2 ? "Lay out the selected steps" : "Lay out the whole workflow"}>
            {selection.length >= 2 ? "Auto-layout selection" : "Auto-layout"}
          </Button>
          <Button variant="ghost" size="sm" disabled={selection.length === 0} onClick={duplicate} title="Duplicate (Ctrl+D)">
            Duplicate
          </Button>
          <Button variant="ghost" size="sm" disabled={selection.length === 0} onClick={removeSelection} title="Delete (Delete)">
            Delete
          </Button>
          <Separator />
        </>
      )}
      <Button variant="ghost" size="sm" onClick={zoomToFit}>
        Zoom to fit
      </Button>
    </div>
  );
}

function Glyph({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="text-base leading-none">
      {children}
    </span>
  );
}

function Separator() {
  return <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-200" />;
}
