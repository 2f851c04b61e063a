"use client";

import type { CodeLanguage } from "@/components/canvas/code-editor";
import { CheckboxField } from "./checkbox-field";
import { CodeField } from "./code-field";
import type { FieldDescriptor, ScalarKind } from "./config-fields";
import { joinPath, type ValuePath } from "./config-values";
import { JsonField } from "./json-field";
import { KeyValueRows } from "./key-value-rows";
import { NumberField } from "./number-field";
import { ObjectListField } from "./object-list-field";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

/** Writes `value` at `path` (relative to the form's object); `merge` makes consecutive edits one undo entry. */
export type Edit = (path: ValuePath, value: unknown, merge?: boolean) => void;

export const languageOf: Record<Exclude<ScalarKind, "text">, CodeLanguage> = { expression: "jsonata", template: "template", code: "javascript" };

type ConfigFieldProps = {
  field: FieldDescriptor;
  /** Definition path of the form's object, e.g. `steps[2].config`. */
  base: string;
  valuePath: ValuePath;
  value: unknown;
  edit: Edit;
  /** Accessible name when the visible label repeats (rows of a list). */
  accessibleName?: string;
};

/** One generated control, chosen by the descriptor's kind. */
export function ConfigField({ field, base, valuePath, value, edit, accessibleName }: ConfigFieldProps) {
  const common = { path: joinPath(base, valuePath), label: field.label, accessibleName };
  const placeholder = field.defaultValue === undefined ? undefined : `Default: ${String(field.defaultValue)}`;
  const emptied = (text: string) => (text === "" && field.optional ? undefined : text);
  switch (field.kind) {
    case "text":
      return <TextField {...common} value={typeof value === "string" ? value : ""} placeholder={placeholder} onChange={(text) => edit(valuePath, emptied(text), true)} />;
    case "expression":
    case "template":
    case "code":
      return (
        <CodeField
          {...common}
          language={languageOf[field.kind]}
          value={typeof value === "string" ? value : ""}
          placeholder={placeholder}
          onChange={(text) => edit(valuePath, emptied(text), true)}
        />
      );
    case "number":
      return (
        <NumberField
          {...common}
          integer={field.integer}
          value={typeof value === "number" ? value : undefined}
          placeholder={placeholder ?? [field.min, field.max].map((bound) => bound ?? "").join(" – ").replace(/^ – $/, "")}
          onChange={(number) => edit(valuePath, number, true)}
        />
      );
    case "enum":
      return (
        <SelectField
          {...common}
          value={typeof value === "string" ? value : (field.defaultValue as string | undefined)}
          options={field.options}
          allowEmpty={field.optional && field.defaultValue === undefined}
          onChange={(option) => edit(valuePath, option)}
        />
      );
    case "boolean":
      return <CheckboxField path={common.path} label={field.label} checked={value === true || (value === undefined && field.defaultValue === true)} onChange={(checked) => edit(valuePath, checked)} />;
    case "objectList":
      return <ObjectListField field={field} base={base} valuePath={valuePath} value={value} edit={edit} />;
    case "record":
      return (
        <KeyValueRows
          path={common.path}
          label={field.label}
          noun={field.key === "headers" ? "Header" : "Entry"}
          language={field.valueKind === "text" ? undefined : languageOf[field.valueKind]}
          value={value}
          onChange={(entries, merge) => edit(valuePath, entries === undefined && !field.optional ? {} : entries, merge)}
        />
      );
    case "json":
      return <JsonField {...common} value={value} requireObject={field.key === "definition"} onChange={(parsed) => edit(valuePath, parsed, true)} />;
  }
}
