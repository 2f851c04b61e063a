"use client";

import { useState } from "react";
import { jsonDiagnostics } from "@/components/canvas/code-editor/json-diagnostics";
import { CodeField } from "./code-field";
import type { FieldProps } from "./field-shell";
import { IssueMessages } from "./field-shell";

type JsonFieldProps = Omit<FieldProps, "children" | "deep"> & {
  value: unknown;
  /** Called with the parsed value, or undefined when the editor is emptied. */
  onChange(value: unknown): void;
  /** Only a JSON object is written (a JSON Schema, an inline definition). */
  requireObject?: boolean;
};

const format = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, null, 2));

/**
 * JSON text is kept locally while it does not parse, and written only once it does; a stored value
 * that changes for another reason (undo) replaces the text.
 */
export function JsonField({ value, onChange, requireObject, ...field }: JsonFieldProps) {
  const [text, setText] = useState(() => format(value));
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    setShownFor(value);
    if (!sameJson(parseOrUndefined(text), value)) setText(format(value));
  }
  const problem = jsonDiagnostics(text)[0]?.message ?? (requireObject && text.trim() && !isObject(parseOrUndefined(text)) ? "must be a JSON object" : undefined);
  return (
    <div className="space-y-1">
      <CodeField
        {...field}
        deep
        language="json"
        value={text}
        onChange={(next) => {
          setText(next);
          if (next.trim() === "") return onChange(undefined);
          const parsed = parseOrUndefined(next);
          if (parsed !== undefined && (!requireObject || isObject(parsed))) onChange(parsed);
        }}
      />
      {problem && <IssueMessages issues={[{ message: `JSON: ${problem}` }]} />}
    </div>
  );
}

function parseOrUndefined(text: string): unknown {
  try {
    return text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
