"use client";

import dynamic from "next/dynamic";
import type { CodeLanguage } from "@/components/canvas/code-editor";
import { ExpressionPreview } from "@/components/canvas/test-runs/expression-preview";
import { usePageIdle } from "@/components/ui/use-page-idle";
import { Field, type FieldProps } from "./field-shell";
import { useInspector } from "./inspector-context";

const editorPlace = <div aria-busy="true" className="min-h-9 rounded-md border border-slate-300 bg-slate-50" />;
// CodeMirror (~150 KB) loads once the page has shown its content: the field holds the editor's place meanwhile.
const CodeEditor = dynamic(() => import("@/components/canvas/code-editor/code-editor").then((module) => module.CodeEditor), {
  ssr: false,
  loading: () => editorPlace,
});

type CodeFieldProps = Omit<FieldProps, "children"> & {
  language: CodeLanguage;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
};

export function CodeField({ language, value, onChange, placeholder, ...field }: CodeFieldProps) {
  const { completions, endEditGroup, testing, readOnly } = useInspector();
  const idle = usePageIdle();
  const previewed = testing && !readOnly && (language === "jsonata" || language === "template");
  return (
    <Field {...field}>
      {(control) => (
        <>
          {idle ? (
            <CodeEditor
              id={control.id}
              label={control["aria-label"] ?? field.label}
              language={language}
              value={value}
              onChange={onChange}
              onLineBreak={endEditGroup}
              completions={completions}
              readOnly={control.disabled}
              placeholder={placeholder}
              invalid={control["aria-invalid"]}
              describedBy={control["aria-describedby"]}
            />
          ) : (
            editorPlace
          )}
          {previewed && <ExpressionPreview source={value} template={language === "template"} testing={testing} />}
        </>
      )}
    </Field>
  );
}
