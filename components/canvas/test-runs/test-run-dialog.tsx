"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CodeTextArea } from "../code-text-area";
import { RunProgress } from "../run-dialog/run-progress";
import { useJsonText } from "./use-json-text";

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
  const input = useJsonText("{}");
  const [runId, setRunId] = useState<string | null>(null);
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
    const parsed = input.read();
    if (!parsed) return;
    await flush();
    start.mutate({ workflowId, input: parsed.value }, { onSuccess: (run) => setRunId(run.runId) });
  };

  return (
    <>
      <p className="text-slate-600">Runs the draft without publishing a version. Steps with pinned data use it instead of running.</p>
      <CodeTextArea label="Test input (JSON)" value={input.text} onChange={input.setText} rows={6} className="mt-3" />
      {(input.error ?? start.error) && (
        <p role="alert" className="mt-2 text-rose-700">
          {input.error ?? start.error?.message}
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
