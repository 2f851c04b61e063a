"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { StepDataView } from "@/components/runs/step-data/step-data-view";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { CodeTextArea } from "../code-text-area";
import { runPhase } from "../run-dialog/run-input";
import { useJsonText } from "./use-json-text";

export interface StepTesting {
  workflowId: string;
  /** Saves pending edits first: the server runs the stored draft. */
  flush(): Promise<unknown>;
  /** The run picked under "Input from" or last started here, whose data expression editors preview against (the latest run when null). */
  previewRunId: string | null;
  choosePreviewRun(runId: string | null): void;
}

const typedInput = "typed";

/**
 * Below a step's settings: its pinned sample data (test runs use it instead of running the step),
 * and "Run step": the step alone, after the steps it depends on, with the input (and those steps'
 * outputs) of a run picked from the list, or with typed sample input.
 */
export function StepTestPanel({ stepId, testing }: { stepId: string; testing: StepTesting }) {
  return (
    <section aria-label="Test this step" className="space-y-4 border-t border-slate-100 pt-4">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Test this step</h3>
      <PinnedData stepId={stepId} testing={testing} />
      <RunStep stepId={stepId} testing={testing} />
    </section>
  );
}

function PinnedData({ stepId, testing }: { stepId: string; testing: StepTesting }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pinsKey = trpc.workflows.pins.queryKey({ workflowId: testing.workflowId });
  const pins = useQuery(trpc.workflows.pins.queryOptions({ workflowId: testing.workflowId }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: pinsKey });
  const pin = useMutation(trpc.workflows.pinStep.mutationOptions({ onSuccess: refresh }));
  const unpin = useMutation(trpc.workflows.unpinStep.mutationOptions({ onSuccess: refresh }));
  const sample = useJsonText("");
  const pinned = pins.data?.find((each) => each.stepId === stepId);

  const pinTyped = async () => {
    const parsed = sample.read();
    if (!parsed) return;
    await testing.flush();
    pin.mutate({ workflowId: testing.workflowId, stepId, output: parsed.value });
  };

  return (
    <div className="space-y-2">
      {pinned ? (
        <div aria-label="Pinned data" role="region" className="space-y-1 rounded-md border border-amber-200 bg-amber-50 p-2">
          <p className="text-xs font-medium text-amber-900">Pinned: test runs use this instead of running the step.</p>
          <pre className="max-h-32 overflow-auto font-mono text-xs text-slate-800">{JSON.stringify(pinned.output, null, 2)}</pre>
          <Button size="sm" onClick={() => unpin.mutate({ workflowId: testing.workflowId, stepId })} disabled={unpin.isPending}>
            Unpin
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">No pinned data: test runs run this step.</p>
      )}
      <CodeTextArea label="Sample data to pin (JSON)" value={sample.text} onChange={sample.setText} />
      <Button size="sm" onClick={() => void pinTyped()} disabled={pin.isPending || !sample.text.trim()}>
        Pin data
      </Button>
      {(sample.error ?? pin.error ?? unpin.error) && (
        <p role="alert" className="text-xs text-rose-700">
          {sample.error ?? pin.error?.message ?? unpin.error?.message}
        </p>
      )}
    </div>
  );
}

function RunStep({ stepId, testing }: { stepId: string; testing: StepTesting }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const published = useQuery(trpc.runs.list.queryOptions({ workflowId: testing.workflowId, limit: 10 }));
  const tests = useQuery(trpc.runs.list.queryOptions({ workflowId: testing.workflowId, limit: 10, test: true }));
  const recent = [...(published.data?.items ?? []), ...(tests.data?.items ?? [])].sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt)).slice(0, 10);
  const start = useMutation(trpc.runs.testStep.mutationOptions());
  const pin = useMutation(
    trpc.workflows.pinStep.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.workflows.pins.queryKey({ workflowId: testing.workflowId }) }) }),
  );
  const [source, setSource] = useState(testing.previewRunId ?? typedInput);
  const sample = useJsonText("{}");
  const [runId, setRunId] = useState<string | null>(null);
  const sourceId = useId();

  const run = async () => {
    let request: { fromRunId: string } | { input: unknown };
    if (source === typedInput) {
      const parsed = sample.read();
      if (!parsed) return;
      request = { input: parsed.value };
    } else {
      sample.clearError();
      request = { fromRunId: source };
    }
    await testing.flush();
    start.mutate(
      { workflowId: testing.workflowId, stepId, ...request },
      {
        onSuccess: (started) => {
          setRunId(started.runId);
          // Expression editors now preview against what this run produces.
          testing.choosePreviewRun(started.runId);
          void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        },
      },
    );
  };

  return (
    <div className="space-y-2">
      <label htmlFor={sourceId} className="block text-xs font-medium text-slate-700">
        Input from
      </label>
      <select
        id={sourceId}
        value={source}
        onChange={(event) => {
          setSource(event.target.value);
          testing.choosePreviewRun(event.target.value === typedInput ? null : event.target.value);
        }} className="w-full rounded-md border border-slate-300 px-2 py-1 text-xs">
        <option value={typedInput}>Typed sample input</option>
        {recent.map((each) => (
          <option key={each.id} value={each.id}>
            {`Run ${each.id.slice(-8)} · ${each.status}${each.version === null ? " · test" : ` · v${each.version}`}`}
          </option>
        ))}
      </select>
      {source === typedInput && <CodeTextArea label="Sample input (JSON)" value={sample.text} onChange={sample.setText} />}
      <div className="flex gap-2">
        <Button size="sm" variant="primary" onClick={() => void run()} disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Run step"}
        </Button>
        {source !== typedInput && (
          <Button size="sm" onClick={() => pin.mutate({ workflowId: testing.workflowId, stepId, fromRunId: source })} disabled={pin.isPending}>
            Pin its output
          </Button>
        )}
      </div>
      {(sample.error ?? start.error ?? pin.error) && (
        <p role="alert" className="text-xs text-rose-700">
          {sample.error ?? start.error?.message ?? pin.error?.message}
        </p>
      )}
      {runId && <StepRunResult key={runId} runId={runId} stepId={stepId} />}
    </div>
  );
}

/** The one-step run, polled until it settles, then what the step received, sent and produced. */
function StepRunResult({ runId, stepId }: { runId: string; stepId: string }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.runs.get.queryOptions({ runId }),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && runPhase(query.state.data) !== "active" ? false : 500),
  });
  const step = run.data?.steps.find((each) => each.stepId === stepId);
  const settled = run.data && runPhase(run.data) !== "active";
  return (
    <div role="region" aria-label="Step test result" className="space-y-2 rounded-md border border-slate-200 p-2">
      <p role="status" className="text-xs text-slate-700">
        Step <span className="font-mono">{stepId}</span>: <strong>{step?.status ?? "starting"}</strong>
        {step?.error && ` — ${step.error.message}`} ·{" "}
        <Link href={`/runs/${runId}`} className="text-indigo-700 hover:underline">
          Open the test run
        </Link>
      </p>
      {settled && run.data.status === "completed" && (
        <section aria-label="Step output" className="space-y-1">
          <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Output</h4>
          <pre className="max-h-32 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-800">{JSON.stringify(run.data.output, null, 2)}</pre>
        </section>
      )}
      {settled && <StepDataView runId={runId} stepId={stepId} />}
    </div>
  );
}
