import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { syntaxHighlighting } from "@codemirror/language";
import { linter } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { javascriptDiagnostics, jsonDiagnostics, jsonataDiagnostics, templateDiagnostics, type TextDiagnostic } from "./diagnostics";
import { editorHighlightStyle } from "./editor-theme";
import { jsonLanguage, jsonataLanguage, templateLanguage } from "./jsonata-language";
import { jsonataCompletions, templateCompletions, type CompletionNames } from "./jsonata-completions";

export type CodeLanguage = "jsonata" | "template" | "javascript" | "json";

const diagnosticsOf: Partial<Record<CodeLanguage, (text: string) => TextDiagnostic[]>> = {
  jsonata: jsonataDiagnostics,
  template: templateDiagnostics,
  json: jsonDiagnostics,
  javascript: javascriptDiagnostics,
};

/**
 * Keys the editor handles itself. Deliberately no history keymap (Mod-z must reach the designer,
 * which undoes the whole document) and no Tab binding (keyboard users must be able to leave).
 */
const editingKeymap = keymap.of(defaultKeymap.filter((binding) => binding.key !== "Tab" && binding.key !== "Shift-Tab"));

// Without a history extension the browser would run its own contenteditable undo on the
// historyUndo input event and desynchronise the editor from the store.
const blockNativeUndo = EditorView.domEventHandlers({
  beforeinput(event) {
    if (event.inputType === "historyUndo" || event.inputType === "historyRedo") event.preventDefault();
    return false;
  },
});

/** Language, highlighting, lint and completion for one editor; `names` is read at completion time. */
export function languageExtensions(language: CodeLanguage, names: () => CompletionNames): Extension[] {
  const extensions: Extension[] = [editingKeymap, blockNativeUndo, syntaxHighlighting(editorHighlightStyle)];
  if (language === "javascript") extensions.push(javascript());
  if (language === "json") extensions.push(jsonLanguage);
  if (language === "jsonata") extensions.push(jsonataLanguage);
  if (language === "template") extensions.push(templateLanguage);
  const diagnose = diagnosticsOf[language];
  if (diagnose) extensions.push(linter((view) => diagnose(view.state.doc.toString()).map((found) => ({ ...found, severity: "error" as const })), { delay: 300 }));
  if (language === "jsonata" || language === "template") {
    const complete = language === "jsonata" ? jsonataCompletions : templateCompletions;
    const source = (context: CompletionContext): CompletionResult | null => {
      const match = complete(context.state.sliceDoc(0, context.pos), names(), context.explicit);
      return match && { from: match.from, options: match.options, validFor: /^[$A-Za-z0-9_]*$/ };
    };
    extensions.push(autocompletion({ override: [source], icons: false }));
  }
  return extensions;
}
