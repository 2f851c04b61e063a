"use client";

import { Annotation, ChangeSet, Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, placeholder as placeholderText } from "@codemirror/view";
import { useEffect, useMemo, useRef, useState, type ReactElement } from "react";
import { editorTheme } from "./editor-theme";
import { languageExtensions, type CodeLanguage } from "./editor-extensions";
import type { CompletionNames } from "./jsonata-completions";

export type CodeEditorProps = {
  /** DOM id of the editable element, so a <label htmlFor> or a focus request can reach it. */
  id?: string;
  /** Accessible name of the editable element (role="textbox"). */
  label: string;
  value: string;
  onChange(value: string): void;
  /** Called before `onChange` when an edit breaks a line: the designer's undo history starts a new entry there. */
  onLineBreak?(): void;
  language: CodeLanguage;
  completions?: CompletionNames;
  readOnly?: boolean;
  placeholder?: string;
  invalid?: boolean;
  /** Ids of elements describing the field (e.g. its validation messages). */
  describedBy?: string;
};

const noNames: CompletionNames = { stepIds: [], varNames: [] };
/** Marks transactions that copy the `value` prop in, so they are not echoed back through onChange. */
const fromProps = Annotation.define<boolean>();

export function CodeEditor(props: CodeEditorProps): ReactElement {
  const { id, label, value, language, readOnly = false, placeholder, invalid = false, describedBy } = props;
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  const [settings] = useState(() => new Compartment());
  const multiline = language === "javascript" || language === "json";

  useEffect(() => {
    latest.current = props;
  });

  const settingsExtension = useMemo(
    (): Extension => [
      EditorView.contentAttributes.of({
        "aria-label": label,
        ...(id && { id }),
        ...(invalid && { "aria-invalid": "true" }),
        ...(describedBy && { "aria-describedby": describedBy }),
      }),
      // Read-only, not non-editable: the text stays focusable and selectable in the version view.
      EditorState.readOnly.of(readOnly),
      placeholder ? placeholderText(placeholder) : [],
    ],
    [id, label, readOnly, placeholder, invalid, describedBy],
  );
  /** The settings a view is created with; later changes are reconfigured into the live view. */
  const createdSettings = useRef(settingsExtension);

  // Created once per language: re-rendering must not recreate the view (it would lose focus and selection).
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          settings.of(createdSettings.current),
          languageExtensions(language, () => latest.current.completions ?? noNames),
          editorTheme(multiline),
          EditorView.lineWrapping,
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((transaction) => transaction.annotation(fromProps))) return;
            if (insertsLineBreak(update.changes)) latest.current.onLineBreak?.();
            latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Only the language rebuilds the view; every other prop is applied by the effects below.
  }, [language, multiline, settings]);

  useEffect(() => {
    createdSettings.current = settingsExtension;
    view.current?.dispatch({ effects: settings.reconfigure(settingsExtension) });
  }, [settings, settingsExtension]);

  // External changes (undo, another field) replace the text only when it differs, so typing keeps the cursor.
  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: fromProps.of(true) });
  }, [value]);

  return (
    <div
      ref={host}
      data-invalid={invalid || undefined}
      className={`overflow-hidden rounded-md border shadow-xs focus-within:ring-2 focus-within:ring-indigo-500 ${
        invalid ? "border-rose-400" : "border-slate-300"
      } ${readOnly ? "bg-slate-50" : "bg-white"}`}
    />
  );
}

function insertsLineBreak(changes: ChangeSet): boolean {
  let found = false;
  changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
    if (inserted.lines > 1) found = true;
  });
  return found;
}
