import { HighlightStyle } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags } from "@lezer/highlight";

export const editorHighlightStyle = HighlightStyle.define([
  { tag: tags.string, color: "#047857" },
  { tag: tags.special(tags.string), color: "#334155" },
  { tag: [tags.number, tags.atom, tags.bool, tags.null], color: "#b45309" },
  { tag: [tags.special(tags.variableName), tags.variableName], color: "#4338ca" },
  { tag: tags.keyword, color: "#7c3aed", fontWeight: "600" },
  { tag: tags.propertyName, color: "#0f172a" },
  { tag: tags.comment, color: "#94a3b8", fontStyle: "italic" },
  { tag: [tags.operator, tags.brace], color: "#be185d" },
]);

/** Compact, monospace; the indigo focus ring is drawn by the wrapper (focus-within). */
export function editorTheme(multiline: boolean) {
  return EditorView.theme({
    "&": { fontSize: "12px" },
    "&.cm-focused": { outline: "none" },
    ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", lineHeight: "1.5", maxHeight: multiline ? "20rem" : "8rem" },
    ".cm-content": { padding: "4px 0", minHeight: multiline ? "4.75em" : "auto" },
    ".cm-line": { padding: "0 8px" },
    ".cm-placeholder": { color: "#94a3b8" },
    ".cm-tooltip-autocomplete": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: "12px" },
  });
}
