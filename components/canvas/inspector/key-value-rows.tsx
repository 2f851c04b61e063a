"use client";

import { useState } from "react";
import type { CodeLanguage } from "@/components/canvas/code-editor";
import { Button } from "@/components/ui/button";
import { CodeField } from "./code-field";
import { fieldDomId, issuesDomId } from "./field-dom-id";
import { IssueMessages } from "./field-shell";
import { issuesFor } from "./field-issues";
import { useInspector } from "./inspector-context";
import { TextField } from "./text-field";

type Row = { key: string; value: string };

type KeyValueRowsProps = {
  /** Definition path of the record; a row's value lives at `<path>.<key>`. */
  path: string;
  label: string;
  /** Names a row for screen readers: "Header 2 name". */
  noun: string;
  keyLabel?: string;
  valueLabel?: string;
  /** Values are code of this language; plain text when absent. */
  language?: CodeLanguage;
  value: unknown;
  /** The record without rows whose key is still empty; undefined when no row is left. */
  onChange(entries: Record<string, string> | undefined, merge?: boolean): void;
};

/**
 * Rows are kept locally so a row whose key is being typed (empty, or for a moment equal to another
 * key) is not lost; the local rows are replaced when the stored record changes for another reason.
 */
export function KeyValueRows({ path, label, noun, keyLabel = "Name", valueLabel = "Value", language, value, onChange }: KeyValueRowsProps) {
  const { issues, readOnly } = useInspector();
  const stored = toRecord(value);
  const [rows, setRows] = useState<Row[]>(() => toRows(stored));
  // Compared through toRows/fromRows so a stored "" key (which rows never write) cannot loop the reset.
  if (JSON.stringify(fromRows(rows)) !== JSON.stringify(fromRows(toRows(stored)))) setRows(toRows(stored));
  const write = (next: Row[], merge = false) => {
    setRows(next);
    const entries = fromRows(next);
    onChange(Object.keys(entries).length > 0 || next.length > 0 ? entries : undefined, merge);
  };
  const own = issuesFor(issues, { path });
  return (
    <fieldset className="space-y-2">
      <legend id={fieldDomId(path)} tabIndex={-1} className="text-xs font-medium text-slate-700 focus:outline-none">
        {label}
      </legend>
      <IssueMessages id={issuesDomId(path)} issues={own} />
      {rows.map((row, index) => {
        const rowName = `${noun} ${index + 1}`;
        // A row whose key is not typed yet has no path of its own in the definition.
        const rowPath = row.key ? `${path}.${row.key}` : `${path}[new ${index}]`;
        const update = (patch: Partial<Row>) => write(rows.map((item, at) => (at === index ? { ...item, ...patch } : item)), true);
        return (
          <div key={index} role="group" aria-label={rowName} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2">
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <TextField path={`${rowPath}#key`} label={keyLabel} accessibleName={`${rowName} ${keyLabel.toLowerCase()}`} value={row.key} onChange={(key) => update({ key })} />
              </div>
              <Button variant="ghost" size="sm" aria-label={`Remove ${rowName}`} disabled={readOnly} onClick={() => write(rows.filter((_, at) => at !== index))}>
                ✕
              </Button>
            </div>
            {language ? (
              <CodeField path={rowPath} label={valueLabel} accessibleName={`${rowName} ${valueLabel.toLowerCase()}`} language={language} value={row.value} onChange={(text) => update({ value: text })} />
            ) : (
              <TextField path={rowPath} label={valueLabel} accessibleName={`${rowName} ${valueLabel.toLowerCase()}`} value={row.value} onChange={(text) => update({ value: text })} />
            )}
          </div>
        );
      })}
      <Button size="sm" disabled={readOnly} onClick={() => write([...rows, { key: "", value: "" }])}>
        Add {noun.toLowerCase()}
      </Button>
    </fieldset>
  );
}

function toRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === "string" ? item : JSON.stringify(item)]));
}

const toRows = (record: Record<string, string>): Row[] => Object.entries(record).map(([key, value]) => ({ key, value }));
const fromRows = (rows: readonly Row[]): Record<string, string> => Object.fromEntries(rows.filter((row) => row.key !== "").map((row) => [row.key, row.value]));
