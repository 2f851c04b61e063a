"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { SearchField } from "@/components/ui/search-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { WorkflowCard } from "./workflow-card";
import { WorkflowListEmpty, WorkflowListError, WorkflowListLoading } from "./workflow-list-states";

/** The home page: the team's workflows as cards, searchable by name, namespace and description. */
export function WorkflowList() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const settledSearch = useDebouncedValue(search.trim(), 200);
  const workflows = useQuery({
    ...trpc.workflows.list.queryOptions(settledSearch ? { search: settledSearch } : undefined),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="workflows-heading">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <div className="flex items-center gap-3">
            <h1 id="workflows-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
              Workflows
            </h1>
            {workflows.data && (
              <span aria-hidden="true" className="rounded-full bg-slate-200/70 px-2.5 py-0.5 text-xs font-medium text-slate-600">
                {workflows.data.length}
              </span>
            )}
          </div>
          <p className="mt-1 text-sm text-slate-500">Design, run and monitor your team’s workflows.</p>
          <p aria-live="polite" className="sr-only">
            {workflows.data ? countLabel(workflows.data.length, settledSearch) : ""}
          </p>
        </div>
        <SearchField label="Search workflows" value={search} onChange={setSearch} />
      </div>
      <div className="mt-8">
        {workflows.isPending ? (
          <WorkflowListLoading />
        ) : workflows.isError ? (
          <WorkflowListError message={workflows.error.message} onRetry={() => void workflows.refetch()} />
        ) : workflows.data.length === 0 ? (
          <WorkflowListEmpty search={settledSearch} />
        ) : (
          <ul aria-label="Workflows" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {workflows.data.map((workflow) => (
              <li key={workflow.id}>
                <WorkflowCard workflow={workflow} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function countLabel(count: number, search: string): string {
  const noun = count === 1 ? "workflow" : "workflows";
  return search ? `${count} ${noun} match “${search}”.` : `${count} ${noun}.`;
}
