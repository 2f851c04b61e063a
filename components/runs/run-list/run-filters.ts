import { runStatuses, type RunStatus } from "@/engine/definition/statuses";

export const startedRanges = ["1h", "24h", "7d", "all"] as const;
export type StartedRange = (typeof startedRanges)[number];

export const startedRangeLabels: Record<StartedRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  all: "Any time",
};

const rangeMs: Record<Exclude<StartedRange, "all">, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 };

/** What the runs page filters on; the URL query holds the same (`?workflowId=&status=failed,running&started=24h`). */
export interface RunFilters {
  workflowId: string | null;
  /** Any of these; all statuses when empty. */
  statuses: RunStatus[];
  started: StartedRange;
  /** Test runs of drafts (started from the designer) instead of runs of published versions (`?test=1`). */
  test: boolean;
}

export const noRunFilters: RunFilters = { workflowId: null, statuses: [], started: "all", test: false };

type SearchParams = Record<string, string | string[] | undefined>;

/** Reads filters from a URL query, ignoring values it does not know (a link may be old or hand-written). */
export function parseRunFilters(params: SearchParams): RunFilters {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const workflowId = first(params.workflowId)?.trim() || null;
  const statusValues = [params.status ?? []].flat().flatMap((value) => value.split(","));
  const statuses = runStatuses.filter((status) => statusValues.includes(status));
  const started = startedRanges.find((range) => range === first(params.started)) ?? "all";
  return { workflowId, statuses, started, test: first(params.test) === "1" };
}

/** The query string for filters, without defaults: "" when nothing is filtered. */
export function runFiltersSearch(filters: RunFilters): string {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set("workflowId", filters.workflowId);
  if (filters.statuses.length) params.set("status", filters.statuses.join(","));
  if (filters.started !== "all") params.set("started", filters.started);
  if (filters.test) params.set("test", "1");
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function hasRunFilters(filters: RunFilters): boolean {
  return runFiltersSearch(filters) !== "";
}

/** The start of the `started` window as of `now`; null for any time. */
export function startedSince(range: StartedRange, now: Date): Date | null {
  return range === "all" ? null : new Date(now.getTime() - rangeMs[range]);
}

/** The `runs.list` input for filters whose window began at `since`. */
export function listInputOf(filters: RunFilters, since: Date | null) {
  return {
    ...(filters.workflowId && { workflowId: filters.workflowId }),
    ...(filters.statuses.length > 0 && { status: filters.statuses }),
    ...(since && { from: since }),
    ...(filters.test && { test: true }),
  };
}
