"use client";
import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { clipboardText, copySelection, parseClipboardText, type ClipboardContent } from "./clipboard";
import { useDesigner } from "./designer/designer-context";

const pasteStep = { x: 40, y: 40 };

/**
 * Keyboard shortcuts of the designer. Undo/redo work everywhere in it, fields included (a field's
 * typing is one undo entry); the rest leave text fields and dialogs alone.
 */
export function useDesignerShortcuts() {
  const { store, readOnly, announce } = useDesigner();
  const { getEdges } = useReactFlow();
  const clipboard = useRef<{ content: ClipboardContent; pastes: number } | null>(null);

  useEffect(() => {
    const editor = () => store.getState();
    const selectedEdgeIds = () => getEdges().filter((edge) => edge.selected).map((edge) => edge.id);
    const actions = {
      undo: () => editor().undo(),
      redo: () => editor().redo(),
      remove() {
        const steps = editor().selection;
        const edges = selectedEdgeIds();
        if (edges.length) editor().disconnect(edges);
        if (steps.length) editor().removeSteps(steps);
        if (steps.length || edges.length) announce(`Deleted ${describe(steps.length, "step")}${edges.length ? ` and ${describe(edges.length, "connection")}` : ""}`);
      },
      copy() {
        const content = copySelection(editor().definition, editor().selection);
        if (content.steps.length === 0) return;
        clipboard.current = { content, pastes: 0 };
        void navigator.clipboard?.writeText(clipboardText(content)).catch(() => undefined);
        announce(`Copied ${describe(content.steps.length, "step")}`);
      },
      paste() {
        const held = clipboard.current;
        if (!held) return;
        held.pastes += 1;
        const ids = editor().paste(held.content.steps, held.content.edges, { x: pasteStep.x * held.pastes, y: pasteStep.y * held.pastes });
        announce(`Pasted ${describe(ids.length, "step")}: ${ids.join(", ")}`);
      },
      duplicate() {
        const ids = editor().duplicate(editor().selection);
        if (ids.length) announce(`Duplicated as ${ids.join(", ")}`);
      },
      selectAll: () => editor().setSelection(editor().definition.steps.map((step) => step.id)),
      clearSelection: () => editor().setSelection([]),
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("dialog")) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const editing = !!target?.closest("input, textarea, select, [contenteditable='true']");
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (mod && key === "z" && !readOnly) return run(event.shiftKey ? actions.redo : actions.undo);
      if (mod && key === "y" && !readOnly) return run(actions.redo);
      if (editing) return;
      if (mod && key === "c") return run(actions.copy);
      if (mod && key === "a") return run(actions.selectAll);
      if (key === "escape") return actions.clearSelection();
      if (readOnly) return;
      if (mod && key === "x") return run(() => (actions.copy(), actions.remove()));
      if (mod && key === "v" && clipboard.current) return run(actions.paste);
      if (mod && key === "d") return run(actions.duplicate);
      if (key === "delete" || key === "backspace") return run(actions.remove);
    };
    // Text copied in another tab: the system clipboard is readable only in a real paste event.
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (readOnly || clipboard.current || target?.closest("input, textarea, [contenteditable='true'], dialog")) return;
      const content = parseClipboardText(event.clipboardData?.getData("text/plain") ?? "");
      if (!content) return;
      event.preventDefault();
      clipboard.current = { content, pastes: 0 };
      actions.paste();
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("paste", onPaste);
    };
  }, [store, readOnly, announce, getEdges]);
}

function describe(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

