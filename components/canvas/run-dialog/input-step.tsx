"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { formatIssue } from "@/engine/definition/issues";
import { CodeTextArea } from "../code-text-area";
import { fieldErrorsOf, formInput, inputSchemaOf, issuesOfError, parseRawInput, prettyJson } from "./run-input";
import type { SchemaFormHandle } from "./schema-form";

// rjsf and its ajv validator load when a schema form is first shown, not with the designer.
const SchemaForm = lazy(() => import("./schema-form"));

export interface StartedRun {
  runId: string;
  version: number;
  input: unknown;
}

interface InputStepProps {
  workflowId: string;
  version: number;
  /** The input of the previous run ("Run again"); the schema's defaults otherwise. */
  initialInput: unknown;
  onStarted(run: StartedRun): void;
  /** Shown as a "Back" button when there was a choice before this step. */
  onBack?: () => void;
  footer(actions: ReactNode): ReactNode;
}

/** Step 2: the run input, as a form generated from the version's input schema or as raw JSON. */
export function InputStep({ workflowId, version, initialInput, onStarted, onBack, footer }: InputStepProps) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.workflows.version.queryOptions({ workflowId, number: version }));
  const start = useMutation(trpc.runs.start.mutationOptions());

  if (detail.isPending) return <p role="status">Loading version {version}…</p>;
  if (detail.isError)
    return (
      <>
        <p role="alert" className="text-rose-700">
          Could not load version {version}: {detail.error.message}
        </p>
        {footer(<Button onClick={() => void detail.refetch()}>Try again</Button>)}
      </>
    );

  return (
    <InputEditor
      key={version}
      schema={inputSchemaOf(detail.data.definition)}
      version={version}
      initialInput={initialInput}
      pending={start.isPending}
      error={start.error}
      clearError={start.reset}
      onStart={(input) => start.mutate({ workflowId, version, input }, { onSuccess: (run) => onStarted({ ...run, input }) })}
      onBack={onBack}
      footer={footer}
    />
  );
}

interface InputEditorProps {
  schema: Record<string, unknown> | null;
  version: number;
  initialInput: unknown;
  pending: boolean;
  error: { message: string } | null;
  /** Forgets the refusal once the input is edited: its field errors no longer describe it. */
  clearError(): void;
  onStart(input: unknown): void;
  onBack?: () => void;
  footer(actions: ReactNode): ReactNode;
}

function InputEditor({ schema, version, initialInput, pending, error, clearError, onStart, onBack, footer }: InputEditorProps) {
  const [mode, setMode] = useState<"form" | "raw">(schema ? "form" : "raw");
  const [formData, setFormData] = useState<unknown>(initialInput);
  const [rawText, setRawText] = useState(() => prettyJson(initialInput ?? {}));
  const [switchError, setSwitchError] = useState<string | null>(null);
  const parsed = parseRawInput(rawText);
  const issues = issuesOfError(error);
  const serverErrors = useMemo(() => fieldErrorsOf(issuesOfError(error)), [error]);
  const form = useRef<SchemaFormHandle>(null);

  const showForm = () => {
    if (!parsed.ok) return setSwitchError("Fix the JSON before switching to the form.");
    setSwitchError(null);
    setFormData(parsed.value);
    setMode("form");
  };
  const showRaw = () => {
    setRawText(prettyJson(formInput(formData)));
    setMode("raw");
  };
  const input = mode === "form" ? { ok: true as const, value: formInput(formData) } : parsed;
  // The form checks required fields, types and patterns first: nothing is sent while they fail.
  const startRun = () => {
    if (!input.ok || (mode === "form" && form.current && !form.current.validate())) return;
    onStart(input.value);
  };
  const editForm = (data: unknown) => {
    setFormData(data);
    if (error && JSON.stringify(formInput(data)) !== JSON.stringify(formInput(formData))) clearError();
  };

  return (
    <>
      <div className="flex items-center justify-between gap-3">
        <p className="text-slate-600">Input for version {version}</p>
        {schema && (
          <div role="group" aria-label="Input editor" className="inline-flex rounded-md border border-slate-300 p-0.5">
            <ModeButton pressed={mode === "form"} onClick={() => mode !== "form" && showForm()}>
              Form
            </ModeButton>
            <ModeButton pressed={mode === "raw"} onClick={() => mode !== "raw" && showRaw()}>
              Raw JSON
            </ModeButton>
          </div>
        )}
      </div>
      {!schema && <p className="mt-1 text-xs text-slate-500">This version declares no input schema: any JSON is accepted.</p>}
      {switchError && (
        <p role="alert" className="mt-2 text-rose-700">
          {switchError}
        </p>
      )}
      <div className="mt-3">
        {mode === "form" && schema ? (
          <Suspense fallback={<p role="status">Loading the form…</p>}>
            <SchemaForm ref={form} schema={schema} formData={formData} onChange={editForm} serverErrors={serverErrors} disabled={pending} />
          </Suspense>
        ) : (
          <CodeTextArea label="Run input (JSON)" value={rawText} onChange={setRawText} rows={10} error={parsed.ok ? null : parsed.message} />
        )}
      </div>
      {error && (
        <div role="alert" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-rose-800">
          {issues.length > 0 ? (
            <>
              <p className="font-medium">The run was refused:</p>
              <ul className="mt-1 list-disc pl-5">
                {issues.map((issue) => (
                  <li key={`${issue.path}:${issue.message}`}>{formatIssue(issue)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{error.message}</p>
          )}
        </div>
      )}
      {footer(
        <>
          {onBack && (
            <Button variant="ghost" onClick={onBack} disabled={pending}>
              Back
            </Button>
          )}
          <Button variant="primary" disabled={pending || !input.ok} onClick={startRun}>
            {pending ? "Starting…" : "Start run"}
          </Button>
        </>,
      )}
    </>
  );
}

function ModeButton({ pressed, onClick, children }: { pressed: boolean; onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`rounded px-2 py-0.5 text-xs font-medium ${pressed ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}
    >
      {children}
    </button>
  );
}
