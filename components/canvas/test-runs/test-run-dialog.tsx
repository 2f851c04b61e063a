"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RunProgress } from "../run-dialog/run-progress";
import { parseJsonText } from "./json-text";

interface TestRunDialogProps {
  workflowId: string;
  open: boolean;
  onClose(): void;
  /** Saves pending edits first: the server runs the stored draft. */
  flush(): Promise<unknown>;
}

/**
 * Runs the draft as it is, without publishing: a test run, listed under "Test runs". Steps with
 * pinned data use it instead of running. Mounted only while open, so each opening starts over.
 */
export function TestRunDialog({ workflowId, open, onClose, flush }: TestRunDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Test the draft" size="md">
      <TestRunFlow workflowId={workflowId} onClose={onClose} flush={flush} />
    </Dialog>
  );
}

function TestRunFlow({ workflowId, onClose, flush }: Omit<TestRunDialogProps, "open">) {
  const trpc = useTRPC();
  const start = useMutation(trpc.runs.startTest.mutationOptions());
  const [text, setText] = useState("{}");
  const [runId, setRunId] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const inputId = useId();
  const footer = (actions: ReactNode) => (
    <div className="mt-5 flex justify-end gap-2">
      <Button variant="ghost" onClick={onClose}>
        {runId ? "Close" : "Cancel"}
      </Button>
      {actions}
    </div>
  );

  if (runId) return <RunProgress runId={runId} version={null} onRunAgain={() => setRunId(null)} footer={footer} />;

  const submit = async () => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) return setParseError(parsed.error);
    setParseError(null);
    await flush();
    start.mutate({ workflowId, input: parsed.value }, { onSuccess: (run) => setRunId(run.runId) });
  };

  return (
    <>
      <p className="text-slate-600">Runs the draft without publishing a version. Steps with pinned data use it instead of running.</p>
      <label htmlFor={inputId} className="mt-3 block font-medium text-slate-700">
        Test input (JSON)
      </label>
      <textarea
        id={inputId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={6}
        spellCheck={false}
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs"
      />
      {(parseError ?? start.error) && (
        <p role="alert" className="mt-2 text-rose-700">
          {parseError ?? start.error?.message}
        </p>
      )}
      {footer(
        <Button variant="primary" onClick={() => void submit()} disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Start test run"}
        </Button>,
      )}
    </>
  );
}
