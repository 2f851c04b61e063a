"use client";

import { useState } from "react";
import { fieldDomId } from "./field-dom-id";
import { Field, IssueMessages, inputClass } from "./field-shell";

type StepIdFieldProps = {
  path: string;
  stepId: string;
  /** Returns why the rename was refused, or null. */
  rename(newId: string): string | null;
};

/** The id is committed on blur or Enter (edges follow it), not per keystroke; a refusal is shown inline. */
export function StepIdField({ path, stepId, rename }: StepIdFieldProps) {
  const [draft, setDraft] = useState(stepId);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState(stepId);
  if (shownFor !== stepId) {
    setShownFor(stepId);
    setDraft(stepId);
    setRefusal(null);
  }
  const commit = () => setRefusal(draft === stepId ? null : rename(draft.trim()));
  return (
    <div className="space-y-1">
      <Field path={path} label="Id">
        {(control) => (
          <input
            {...control}
            type="text"
            className={`${inputClass} font-mono`}
            value={draft}
            aria-invalid={control["aria-invalid"] ?? (refusal ? true : undefined)}
            aria-describedby={refusal ? `${control.id}-refusal` : control["aria-describedby"]}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === "Enter") commit();
              if (event.key === "Escape") {
                setDraft(stepId);
                setRefusal(null);
              }
            }}
          />
        )}
      </Field>
      {refusal && <IssueMessages id={`${fieldDomId(path)}-refusal`} issues={[{ message: refusal }]} />}
    </div>
  );
}
