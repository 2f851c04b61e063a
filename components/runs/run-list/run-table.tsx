"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RunListItem } from "./run-list-item";
import { RunListStatus } from "./run-list-status";
import { formatDuration, shortRunId } from "../run-text";

interface RunTableProps {
  runs: RunListItem[];
  selected: ReadonlySet<string>;
  onSelectedChange(selected: Set<string>): void;
}

const cell = "px-3 py-2.5 whitespace-nowrap";
const none = <span className="text-slate-400">—</span>;
const triggerLabels = { manual: "Manual", webhook: "Webhook", schedule: "Schedule", api: "API key" } as const;

/** The runs, newest first; each id opens the run, each checkbox adds it to the bulk selection. */
export function RunTable({ runs, selected, onSelectedChange }: RunTableProps) {
  const selectedHere = runs.filter((run) => selected.has(run.id)).length;
  const toggle = (runId: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(runId);
    else next.delete(runId);
    onSelectedChange(next);
  };
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table aria-label="Runs" className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="w-10 px-3 py-2.5">
              <SelectAll
                all={runs.length > 0 && selectedHere === runs.length}
                some={selectedHere > 0}
                onChange={(checked) => onSelectedChange(checked ? new Set(runs.map((run) => run.id)) : new Set())}
              />
            </th>
            {["Run", "Status", "Workflow", "Version", "Trigger", "Started by", "Started", "Duration", "Failed step"].map((heading) => (
              <th key={heading} scope="col" className={cell}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <RunRow key={run.id} run={run} selected={selected.has(run.id)} onToggle={(checked) => toggle(run.id, checked)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ run, selected, onToggle }: { run: RunListItem; selected: boolean; onToggle(checked: boolean): void }) {
  const short = shortRunId(run.id);
  return (
    <tr className={selected ? "bg-indigo-50/60" : "hover:bg-slate-50"}>
      <td className="px-3 py-2.5">
        <input
          type="checkbox"
          aria-label={`Select run ${short}`}
          checked={selected}
          onChange={(event) => onToggle(event.target.checked)}
          className="size-4 accent-indigo-600"
        />
      </td>
      <td className={cell}>
        <Link href={`/runs/${run.id}`} title={run.id} className="rounded-sm font-mono text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {short}
        </Link>
      </td>
      <td className={cell}>
        <RunListStatus status={run.status} />
      </td>
      <td className={`${cell} max-w-64 truncate`}>
        {run.workflow ? (
          <Link href={`/workflows/${run.workflow.id}`} className="text-slate-900 hover:text-indigo-700 hover:underline">
            {run.workflow.name}
          </Link>
        ) : (
          <span className="text-slate-400 italic">{run.parentRunId ? "Inline child" : "Deleted workflow"}</span>
        )}
      </td>
      <td className={`${cell} text-slate-600 tabular-nums`}>{run.version === null ? none : `v${run.version}`}</td>
      <td className={`${cell} text-slate-600`}>{run.trigger ? triggerLabels[run.trigger] : none}</td>
      <td className={`${cell} max-w-48 truncate text-slate-600`}>{run.startedBy ?? none}</td>
      <td className={`${cell} text-slate-600`}>
        <RelativeTime date={run.createdAt} />
      </td>
      <td className={`${cell} text-slate-600 tabular-nums`}>{run.durationMs === null ? none : formatDuration(run.durationMs)}</td>
      <td className={cell}>{run.failedStep ? <code className="rounded bg-rose-50 px-1.5 py-0.5 text-xs text-rose-700">{run.failedStep}</code> : none}</td>
    </tr>
  );
}

/** Checked when every listed run is selected, mixed when some are. */
function SelectAll({ all, some, onChange }: { all: boolean; some: boolean; onChange(checked: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some && !all;
  }, [all, some]);
  return (
    <input ref={ref} type="checkbox" aria-label="Select all runs" checked={all} onChange={(event) => onChange(event.target.checked)} className="size-4 accent-indigo-600" />
  );
}
