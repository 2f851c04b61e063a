"use client";

import { Button } from "@/components/ui/button";
import type { FieldDescriptor } from "./config-fields";
import { ConfigField, type Edit } from "./config-field";
import { joinPath, moveItem, type ValuePath } from "./config-values";
import { fieldDomId, issuesDomId } from "./field-dom-id";
import { IssueMessages } from "./field-shell";
import { issuesFor } from "./field-issues";
import { useInspector } from "./inspector-context";
import { newRow } from "./new-row";

type ObjectListFieldProps = {
  field: Extract<FieldDescriptor, { kind: "objectList" }>;
  base: string;
  valuePath: ValuePath;
  value: unknown;
  edit: Edit;
};

/** Rows of objects (switch cases): each row's fields come from the element schema; add, remove, reorder. */
export function ObjectListField({ field, base, valuePath, value, edit }: ObjectListFieldProps) {
  const { issues, readOnly } = useInspector();
  const rows = Array.isArray(value) ? (value as unknown[]) : [];
  const path = joinPath(base, valuePath);
  const noun = singular(field.label);
  const own = issuesFor(issues, { path });
  return (
    <fieldset className="space-y-2" aria-describedby={own.length > 0 ? issuesDomId(path) : undefined}>
      <legend id={fieldDomId(path)} tabIndex={-1} className="text-xs font-medium text-slate-700 focus:outline-none">
        {field.label}
      </legend>
      <IssueMessages id={issuesDomId(path)} issues={own} />
      {rows.map((row, index) => {
        const rowName = `${noun} ${index + 1}`;
        return (
          <div key={index} id={fieldDomId(`${path}[${index}]`)} tabIndex={-1} role="group" aria-label={rowName} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2 focus:outline-indigo-500">
            <div className="flex items-center justify-between">
              <span className="text-xs font-semibold text-slate-600">{rowName}</span>
              <div className="flex gap-0.5">
                <Button variant="ghost" size="sm" aria-label={`Move ${rowName} up`} disabled={readOnly || index === 0} onClick={() => edit(valuePath, moveItem(rows, index, index - 1))}>↑</Button>
                <Button variant="ghost" size="sm" aria-label={`Move ${rowName} down`} disabled={readOnly || index === rows.length - 1} onClick={() => edit(valuePath, moveItem(rows, index, index + 1))}>↓</Button>
                <Button variant="ghost" size="sm" aria-label={`Remove ${rowName}`} disabled={readOnly} onClick={() => edit(valuePath, rows.filter((_, at) => at !== index))}>✕</Button>
              </div>
            </div>
            {field.itemFields.map((itemField) => (
              <ConfigField
                key={itemField.key}
                field={itemField}
                base={base}
                valuePath={[...valuePath, index, itemField.key]}
                value={(row as Record<string, unknown> | null)?.[itemField.key]}
                edit={edit}
                accessibleName={`${rowName} ${itemField.label.toLowerCase()}`}
              />
            ))}
          </div>
        );
      })}
      <Button size="sm" disabled={readOnly} onClick={() => edit(valuePath, [...rows, newRow(field.itemFields, rows, noun)])}>
        Add {noun.toLowerCase()}
      </Button>
    </fieldset>
  );
}

function singular(label: string): string {
  return label.endsWith("s") ? label.slice(0, -1) : label;
}
