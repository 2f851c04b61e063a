export { CodeEditor, type CodeEditorProps } from "./code-editor";
export type { CodeLanguage } from "./editor-extensions";
export { jsonDiagnostics, jsonataDiagnostics, templateDiagnostics, type TextDiagnostic } from "./diagnostics";
export { jsonataCompletions, templateCompletions, type CompletionNames } from "./jsonata-completions";
