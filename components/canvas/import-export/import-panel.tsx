"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent, type ReactElement } from "react";
import type { ValidationIssue } from "@/engine/definition/issues";
import { parseDefinitionText } from "@/engine/definition/parse";
import { validateDefinition } from "@/engine/definition/validate";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { CodeTextArea } from "../code-text-area";
import { FormatChoice } from "./format-choice";
import { byteLength, formatOfFilename, formatSize, importSizeProblem, maxImportFileBytes, type ImportFormat } from "./import-file";

interface ImportPanelProps {
  workflowId: string;
  baseRevision: number;
  canEdit: boolean;
  onImported(result: { draftRevision: number }): void;
}

/**
 * Replaces the draft with a definition file or pasted text. The same validator as `orka validate`
 * checks it here first, then on the server; a refused import changes nothing and its
 * path-addressed issues are listed.
 */
export function ImportPanel({ workflowId, baseRevision, canEdit, onImported }: ImportPanelProps): ReactElement {
  const trpc = useTRPC();
  const importing = useMutation(trpc.workflows.import.mutationOptions());
  const [text, setText] = useState("");
  const [format, setFormat] = useState<ImportFormat>("auto");
  const [refusal, setRefusal] = useState<string | null>(null);
  const fileId = useId();
  const conflict = importing.error?.data?.code === "CONFLICT";
  /** What the browser's own check found: such an import is never sent. */
  const [checked, setChecked] = useState<ValidationIssue[]>([]);
  const issues: ValidationIssue[] = checked.length > 0 ? checked : (importing.error?.data?.issues ?? []);

  const clearOutcome = () => {
    setRefusal(null);
    setChecked([]);
    importing.reset();
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    clearOutcome();
    const file = event.target.files?.[0];
    if (!file) return;
    // Refused before reading: a huge file would be read, shown and uploaded only to be refused.
    const problem = importSizeProblem(`"${file.name}"`, file.size);
    if (problem) {
      setRefusal(problem);
      setText("");
      event.target.value = "";
      return;
    }
    setText(await file.text());
    setFormat(formatOfFilename(file.name));
  };
  const submit = (force: boolean) => {
    const problem = importSizeProblem("The text", byteLength(text));
    if (problem) return setRefusal(problem);
    setRefusal(null);
    importing.reset();
    const parsed = parseDefinitionText(text, format);
    const found = parsed.ok ? validateDefinition(parsed.value).issues : parsed.issues;
    setChecked(found);
    if (found.length > 0) return;
    importing.mutate(
      { workflowId, text, format, baseRevision, ...(force && { force }) },
      { onSuccess: (result) => onImported({ draftRevision: result.draftRevision }) },
    );
  };

  if (!canEdit) return <p className="text-slate-600">Only editors and owners can import into this workflow.</p>;

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-600">Importing replaces the draft. Published versions are not touched.</p>
      <div className="flex flex-col gap-1">
        <label htmlFor={fileId} className="text-xs font-medium text-slate-600">
          Import file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(event) => void chooseFile(event)}
          className="text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm"
        />
        <p className="text-xs text-slate-500">JSON or YAML, at most {formatSize(maxImportFileBytes)}.</p>
      </div>
      <CodeTextArea
        label="Definition text"
        value={text}
        onChange={(next) => {
          setText(next);
          clearOutcome();
        }}
        rows={10}
        placeholder={'{ "format": "orka/v1", "name": "…", "steps": [] }'}
      />
      <FormatChoice
        legend="Import format"
        value={format}
        options={[
          ["auto", "Detect"],
          ["json", "JSON"],
          ["yaml", "YAML"],
        ]}
        onChange={(next) => {
          setFormat(next);
          clearOutcome();
        }}
      />
      {refusal && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-rose-800">
          {refusal}
        </p>
      )}
      {(importing.error || checked.length > 0) && (
        <div role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-rose-800">
          <p className="font-medium">{conflict ? importing.error?.message : "Nothing was imported."}</p>
          {conflict && <p className="mt-1 text-rose-700">Reload the designer to see the newer draft, or import anyway to replace it.</p>}
          {!conflict && issues.length === 0 && <p className="mt-1 text-rose-700">{importing.error?.message}</p>}
          {issues.length > 0 && (
            <ul aria-label="Import problems" className="mt-1 flex flex-col gap-0.5 text-rose-700">
              {issues.map((issue, index) => (
                <li key={index}>
                  <code className="font-mono text-xs">{issue.path || "(file)"}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex gap-2">
        <Button variant="primary" disabled={text.trim() === "" || importing.isPending} onClick={() => submit(false)}>
          {importing.isPending ? "Importing…" : "Import"}
        </Button>
        {conflict && (
          <Button variant="danger" disabled={importing.isPending} onClick={() => submit(true)}>
            Import anyway
          </Button>
        )}
      </div>
    </div>
  );
}
