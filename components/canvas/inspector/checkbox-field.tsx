"use client";

import { fieldDomId, issuesDomId } from "./field-dom-id";
import { IssueMessages } from "./field-shell";
import { issuesFor } from "./field-issues";
import { useInspector } from "./inspector-context";

type CheckboxFieldProps = { path: string; label: string; checked: boolean; onChange(checked: boolean): void };

export function CheckboxField({ path, label, checked, onChange }: CheckboxFieldProps) {
  const { issues, readOnly } = useInspector();
  const own = issuesFor(issues, { path });
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          id={fieldDomId(path)}
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
          checked={checked}
          disabled={readOnly}
          aria-invalid={own.length > 0 || undefined}
          aria-describedby={own.length > 0 ? issuesDomId(path) : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      <IssueMessages id={issuesDomId(path)} issues={own} />
    </div>
  );
}
