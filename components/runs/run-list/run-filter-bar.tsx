"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { runStatuses, type RunStatus } from "@/engine/definition/statuses";
import { startedRangeLabels, startedRanges, type RunFilters } from "./run-filters";
import { InlineField, filterSelectStyle } from "@/components/ui/inline-field";

/** Workflow and time range selects and the status checkboxes; every change is a whole new filter. */
export function RunFilterBar({ filters, onChange }: { filters: RunFilters; onChange(filters: RunFilters): void }) {
  return (
    <div className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm lg:flex-row lg:items-center lg:justify-between">
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="float-left mr-1 text-sm text-slate-500">Status</legend>
        {runStatuses.map((status) => (
          <StatusToggle
            key={status}
            status={status}
            checked={filters.statuses.includes(status)}
            onChange={(checked) =>
              onChange({ ...filters, statuses: runStatuses.filter((each) => (each === status ? checked : filters.statuses.includes(each))) })
            }
          />
        ))}
      </fieldset>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <WorkflowSelect value={filters.workflowId} onChange={(workflowId) => onChange({ ...filters, workflowId })} />
        <InlineField label="Started">
          {(id) => (
            <select
              id={id}
              value={filters.started}
              onChange={(event) => onChange({ ...filters, started: startedRanges.find((range) => range === event.target.value) ?? "all" })}
              className={filterSelectStyle}
            >
              {startedRanges.map((range) => (
                <option key={range} value={range}>
                  {startedRangeLabels[range]}
                </option>
              ))}
            </select>
          )}
        </InlineField>
      </div>
    </div>
  );
}

function StatusToggle({ status, checked, onChange }: { status: RunStatus; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label
      className={`flex cursor-pointer items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium transition has-focus-visible:ring-2 has-focus-visible:ring-indigo-500/40 ${
        checked ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"
      }`}
    >
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="size-3.5 accent-indigo-600" />
      {status.charAt(0).toUpperCase() + status.slice(1)}
    </label>
  );
}

/** The team's workflows by name; a workflow from the URL that is not among them still shows as chosen. */
function WorkflowSelect({ value, onChange }: { value: string | null; onChange(workflowId: string | null): void }) {
  const trpc = useTRPC();
  const workflows = useQuery(trpc.workflows.list.queryOptions({ sort: "name" }));
  const known = !value || workflows.data?.some((workflow) => workflow.id === value);
  return (
    <InlineField label="Workflow">
      {(id) => (
        <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className={`${filterSelectStyle} max-w-56`}>
          <option value="">All workflows</option>
          {!known && <option value={value}>{workflows.isPending ? "Loading…" : "Unknown workflow"}</option>}
          {workflows.data?.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.namespace === "default" ? workflow.name : `${workflow.namespace}/${workflow.name}`}
            </option>
          ))}
        </select>
      )}
    </InlineField>
  );
}
