"use client";

import { CodeEditor, type CodeLanguage } from "@/components/canvas/code-editor";
import { ExpressionPreview } from "@/components/canvas/test-runs/expression-preview";
import { Field, type FieldProps } from "./field-shell";
import { useInspector } from "./inspector-context";

type CodeFieldProps = Omit<FieldProps, "children"> & {
  language: CodeLanguage;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
};

export function CodeField({ language, value, onChange, placeholder, ...field }: CodeFieldProps) {
  const { completions, testing, readOnly } = useInspector();
  const previewed = testing && !readOnly && (language === "jsonata" || language === "template");
  return (
    <Field {...field}>
      {(control) => (
        <>
          <CodeEditor
            id={control.id}
            label={control["aria-label"] ?? field.label}
            language={language}
            value={value}
            onChange={onChange}
            completions={completions}
            readOnly={control.disabled}
            placeholder={placeholder}
            invalid={control["aria-invalid"]}
            describedBy={control["aria-describedby"]}
          />
          {previewed && <ExpressionPreview source={value} template={language === "template"} testing={testing} />}
        </>
      )}
    </Field>
  );
}
