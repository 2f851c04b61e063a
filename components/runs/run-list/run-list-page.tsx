"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { WorkflowNotice, type Notice } from "@/components/workflows/workflow-notice";
import { useTeamRole } from "@/components/accounts/use-team-role";
import { ApprovalsInbox } from "./approvals-inbox";
import { BulkActionDialog, type BulkRequest } from "./bulk-action-dialog";
import type { BulkAction } from "./bulk-summary";
import { RunFilterBar } from "./run-filter-bar";
import { RunKindSwitch } from "./run-kind-switch";
import { hasRunFilters, listInputOf, noRunFilters, runFiltersSearch, startedSince, type RunFilters } from "./run-filters";
import { RunListEmpty, RunListLoading } from "./run-list-states";
import { RunTable } from "./run-table";
import { LoadError } from "@/components/ui/load-error";
import { SearchField } from "@/components/ui/search-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { parseRunSearch } from "@/engine/definition/run-search";

const pageSize = 25;
// Polled while the tab is visible; a run's own page streams its events instead.
const refreshMs = 2000;

/** The team's runs: filters (kept in the URL), the table, "Load more", and bulk cancel/retry/redrive. */
export function RunListPage({ initialFilters }: { initialFilters: RunFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  // The window of "Started" begins when it is chosen: a `from` recomputed on every render would be a new query each time.
  const [since, setSince] = useState(() => startedSince(initialFilters.started, new Date()));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [bulk, setBulk] = useState<BulkRequest | null>(null);
  const { canEdit: canAct } = useTeamRole();
  const [notice, setNotice] = useState<Notice | null>(null);

  const [searchText, setSearchText] = useState("");
  const search = useDebouncedValue(searchText.trim(), 300);
  // Checked here as the server checks it: a half-typed `customer.id =` waits instead of being refused.
  const searchProblem = search !== "" && parseRunSearch(search) === null;
  const [lastValidSearch, setLastValidSearch] = useState("");
  if (!searchProblem && search !== lastValidSearch) setLastValidSearch(search);

  const runs = useInfiniteQuery({
    ...trpc.runs.list.infiniteQueryOptions({ ...listInputOf(filters, since), ...(lastValidSearch && { search: lastValidSearch }), limit: pageSize }, { getNextPageParam: (page) => page.nextCursor }),
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs,
    refetchIntervalInBackground: false,
  });
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  const total = runs.data?.pages[0]?.total ?? 0;

  function changeFilters(next: RunFilters) {
    setFilters(next);
    setSince(startedSince(next.started, new Date()));
    setSelected(new Set());
    // Shareable and kept on reload; Next keeps its router in step with history.replaceState.
    window.history.replaceState(null, "", `${window.location.pathname}${runFiltersSearch(next)}`);
  }

  const openBulk = (action: BulkAction) => setBulk({ action, runIds: [...selected] });

  return (
    <section aria-labelledby="runs-heading">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 id="runs-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
            Runs
          </h1>
          <p className="mt-1 text-sm text-slate-500">Every run of your team’s workflows, newest first.</p>
        </div>
        <p className="flex items-center gap-2 text-xs text-slate-500">
          <span aria-hidden="true" className={`size-2 rounded-full ${runs.isError ? "bg-rose-400" : "animate-pulse bg-emerald-400"}`} />
          {runs.isError && runs.data ? "Updates paused: the server did not answer" : "Live: updates every 2 s"}
        </p>
      </div>
      {canAct && <ApprovalsInbox onDecided={(message) => setNotice({ tone: "success", text: message })} />}
      <div className="mt-6 flex flex-col gap-1">
        <SearchField label="Search runs by id or input field" placeholder="Run id, or an input field: customer.id = 42" value={searchText} onChange={setSearchText} />
        {searchProblem && <p className="text-xs text-amber-700">Search for a run id, or an input field and a value like customer.id = 42.</p>}
      </div>
      <div className="mt-3 space-y-3">
        <RunKindSwitch test={filters.test} onChange={(test) => changeFilters({ ...filters, test })} />
        <RunFilterBar filters={filters} onChange={changeFilters} />
      </div>
      <WorkflowNotice notice={notice} onDismiss={() => setNotice(null)} />
      {selected.size > 0 && (
        <div role="region" aria-label="Selected runs" className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-2.5 text-sm">
          <p className="font-medium text-indigo-900">{selected.size === 1 ? "1 run selected" : `${selected.size} runs selected`}</p>
          <div className="ml-auto flex gap-2">
            {canAct && (
              <>
                <Button size="sm" onClick={() => openBulk("retry")}>
                  Retry selected
                </Button>
                <Button size="sm" onClick={() => openBulk("redrive")} title="Continue failed or cancelled runs on their workflow's latest published version">
                  Redrive selected
                </Button>
                <Button size="sm" variant="danger" onClick={() => openBulk("cancel")}>
                  Cancel selected
                </Button>
              </>
            )}
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          </div>
        </div>
      )}
      <div className="mt-4">
        {runs.isPending ? (
          <RunListLoading />
        ) : !runs.data ? (
          <LoadError what="runs" message={runs.error?.message ?? "unknown error"} onRetry={() => void runs.refetch()} />
        ) : items.length === 0 ? (
          <RunListEmpty filtered={hasRunFilters(filters)} onClearFilters={() => changeFilters(noRunFilters)} />
        ) : (
          <>
            <RunTable runs={items} selected={selected} onSelectedChange={setSelected} />
            <div className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-500">
              <p aria-live="polite">{`Showing ${items.length} of ${total} ${total === 1 ? "run" : "runs"}`}</p>
              {runs.hasNextPage && (
                <Button disabled={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
                  {runs.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              )}
            </div>
          </>
        )}
      </div>
      <BulkActionDialog
        request={bulk}
        onClose={() => setBulk(null)}
        onDone={(outcome) => {
          setNotice(outcome);
          setSelected(new Set());
        }}
      />
    </section>
  );
}
