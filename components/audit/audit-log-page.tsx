"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { AuditFilterBar } from "./audit-filter-bar";
import { auditFiltersSearch, auditListInputOf, noAuditFilters, type AuditFilters } from "./audit-filters";
import { AuditLogEmpty, AuditLogLoading } from "./audit-log-states";
import { AuditTable } from "./audit-table";

const pageSize = 50;

/** `/audit`: who did what in the team, newest first, with filters (kept in the URL) and "Load more". */
export function AuditLogPage({ initialFilters }: { initialFilters: AuditFilters }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState(initialFilters);
  const log = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions({ ...auditListInputOf(filters), limit: pageSize }, { getNextPageParam: (page) => page.nextCursor }),
    placeholderData: keepPreviousData,
  });
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  function changeFilters(next: AuditFilters) {
    setFilters(next);
    // Shareable and kept on reload; Next keeps its router in step with history.replaceState.
    window.history.replaceState(null, "", `${window.location.pathname}${auditFiltersSearch(next)}`);
  }

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
        Audit log
      </h1>
      <p className="mt-1 text-sm text-slate-500">Who created, published, ran, resolved and cancelled what in your team, and who changed its members and triggers.</p>
      <div className="mt-6">
        <AuditFilterBar filters={filters} onChange={changeFilters} />
      </div>
      <div className="mt-4">
        {log.isPending ? (
          <AuditLogLoading />
        ) : !log.data ? (
          <LoadError what="audit log" message={log.error?.message ?? "unknown error"} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <AuditLogEmpty filtered={auditFiltersSearch(filters) !== ""} onClearFilters={() => changeFilters(noAuditFilters)} />
        ) : (
          <>
            <AuditTable entries={entries} />
            <div className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-500">
              <p aria-live="polite">{log.hasNextPage ? `Showing the latest ${entries.length}` : `Showing all ${entries.length}`}</p>
              {log.hasNextPage && (
                <Button disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                  {log.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              )}
            </div>
            {log.isFetchNextPageError && <LoadError what="older entries" message={log.error?.message ?? "unknown error"} onRetry={() => void log.fetchNextPage()} size="panel" />}
          </>
        )}
      </div>
    </section>
  );
}
