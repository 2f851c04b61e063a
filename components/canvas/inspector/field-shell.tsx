"use client";

import type { ReactNode } from "react";
import type { ValidationIssue } from "@/engine/definition";
import { fieldDomId, issuesDomId } from "./field-dom-id";
import { issuesFor } from "./field-issues";
import { useInspector } from "./inspector-context";
import { HelpText } from "@/components/ui/help-text";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-rose-400";

/** What every control spreads: its DOM id (for labels and focus requests) and its error wiring. */
export type ControlProps = {
  id: string;
  disabled: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-label"?: string;
};

export type FieldProps = {
  /** Definition path (`steps[2].config.url`): picks the field's issues and its DOM id. */
  path: string;
  label: string;
  /** Overrides the accessible name where the visible label repeats (e.g. "Case 2 label" in a list). */
  accessibleName?: string;
  /** Also show issues below the path (JSON editors holding whole objects). */
  deep?: boolean;
  hint?: string;
  children(control: ControlProps): ReactNode;
};

export function Field({ path, label, accessibleName, deep, hint, children }: FieldProps) {
  const { issues, readOnly } = useInspector();
  const own = issuesFor(issues, { path, deep });
  const id = fieldDomId(path);
  const control: ControlProps = {
    id,
    disabled: readOnly,
    ...(own.length > 0 && { "aria-invalid": true, "aria-describedby": issuesDomId(path) }),
    ...(accessibleName && { "aria-label": accessibleName }),
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children(control)}
      {hint && (
        <p className="text-xs text-slate-500">
          <HelpText text={hint} />
        </p>
      )}
      <IssueMessages id={issuesDomId(path)} issues={own} />
    </div>
  );
}

export function IssueMessages({ id, issues }: { id?: string; issues: readonly Pick<ValidationIssue, "message">[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="space-y-0.5 text-xs text-rose-700">
      {issues.map((issue, index) => (
        <li key={index}>{issue.message}</li>
      ))}
    </ul>
  );
}
