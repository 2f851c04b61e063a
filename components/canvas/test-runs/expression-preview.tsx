"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import type { StepTesting } from "./step-test-panel";

const previewChars = 300;

/**
 * The value of the expression being typed, evaluated on the server against the data of the run
 * picked under "Input from" (or the workflow's latest run), once typing pauses for 300 ms.
 */
export function ExpressionPreview({ source, template, testing }: { source: string; template: boolean; testing: StepTesting }) {
  const trpc = useTRPC();
  const latest = useLatestRunId(testing.workflowId);
  const runId = testing.previewRunId ?? latest;
  const settled = useDebouncedValue(source, 300);
  const preview = useQuery({
    ...trpc.runs.previewExpression.queryOptions({ runId: runId ?? "", source: settled, template }),
    enabled: runId !== null && settled.trim() !== "",
    placeholderData: keepPreviousData,
  });
  if (runId === null || !settled.trim()) return null;
  const text = !preview.data ? "…" : preview.data.ok ? JSON.stringify(preview.data.value) ?? "null" : `error: ${preview.data.error}`;
  return (
    <p role="status" aria-label="Expression preview" className={`mt-1 truncate font-mono text-[11px] ${preview.data && !preview.data.ok ? "text-rose-700" : "text-slate-600"}`} title={text}>
      <span className="font-sans text-slate-400">= </span>
      {text.length > previewChars ? `${text.slice(0, previewChars)}…` : text}
      <span className="font-sans text-slate-400"> (run {runId.slice(-8)})</span>
    </p>
  );
}

/** The newest run of the workflow, test runs included; null when it has none. */
function useLatestRunId(workflowId: string): string | null {
  const trpc = useTRPC();
  const published = useQuery(trpc.runs.list.queryOptions({ workflowId, limit: 1 }));
  const tests = useQuery(trpc.runs.list.queryOptions({ workflowId, limit: 1, test: true }));
  const newest = [published.data?.items[0], tests.data?.items[0]].filter((run) => run !== undefined).sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))[0];
  return newest?.id ?? null;
}
