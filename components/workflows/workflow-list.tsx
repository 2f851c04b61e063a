"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTeamRole } from "@/components/accounts/use-team-role";
import { useTRPC } from "@/components/trpc/trpc-context";
import { SearchField } from "@/components/ui/search-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { CreateWorkflowButton } from "./create-workflow-dialog";
import { WorkflowGrid } from "./workflow-grid";
import { WorkflowListEmpty, WorkflowListLoading } from "./workflow-list-states";
import { WorkflowNotice, type Notice } from "./workflow-notice";
import { WorkflowSortSelect, type WorkflowSort } from "./workflow-sort-select";
import { LoadError } from "@/components/ui/load-error";

/** The home page: the team's workflows as cards, searchable by name, namespace and description, sortable. */
export function WorkflowList() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<WorkflowSort>("updated");
  const [notice, setNotice] = useState<Notice | null>(null);
  const settledSearch = useDebouncedValue(search.trim(), 200);
  const { canEdit } = useTeamRole();
  const workflows = useQuery({
    ...trpc.workflows.list.queryOptions({ sort, ...(settledSearch && { search: settledSearch }) }),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="workflows-heading">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
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
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <SearchField label="Search workflows" value={search} onChange={setSearch} />
          <WorkflowSortSelect value={sort} onChange={setSort} />
          {canEdit && <CreateWorkflowButton />}
        </div>
      </div>
      <WorkflowNotice notice={notice} onDismiss={() => setNotice(null)} />
      <div className="mt-8">
        {workflows.isPending ? (
          <WorkflowListLoading />
        ) : workflows.isError ? (
          <LoadError what="workflows" message={workflows.error.message} onRetry={() => void workflows.refetch()} />
        ) : workflows.data.length === 0 ? (
          <WorkflowListEmpty search={settledSearch} />
        ) : (
          <WorkflowGrid workflows={workflows.data} canEdit={canEdit} onNotice={setNotice} />
        )}
      </div>
    </section>
  );
}

function countLabel(count: number, search: string): string {
  const noun = count === 1 ? "workflow" : "workflows";
  return search ? `${count} ${noun} match “${search}”.` : `${count} ${noun}.`;
}
