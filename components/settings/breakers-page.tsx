"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactElement } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AppRouter } from "@/server/api/root";

type BreakerList = inferRouterOutputs<AppRouter>["breakers"]["list"];
type BreakerSummary = BreakerList["breakers"][number];

/** A breaker changes as steps run: the page follows it without a reload. */
const refreshMs = 2_000;
const code = "rounded bg-slate-100 px-1 font-mono text-xs";

/** `/settings/breakers`: the team's circuit breakers, what state each is in and why; editors reset one. */
export function BreakersPage(): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.breakers.list.queryOptions(), refetchInterval: refreshMs });
  const reset = useMutation(trpc.breakers.reset.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.breakers.list.queryKey() }) }));

  return (
    <section aria-labelledby="breakers-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="breakers-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Circuit breakers
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">
          Every target your team’s steps call has a breaker: an <strong className="font-medium text-slate-700">http</strong> step’s is the URL’s host, any step
          can share one with <code className={code}>breaker: {"{ key }"}</code>. After repeated failures it opens, and steps that would call the target wait
          instead of failing; after a cool-down one trial attempt closes it again or keeps it open. Resetting closes it at once and the waiting steps run.
        </p>
      </div>

      {reset.error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          The breaker could not be reset: {reset.error.message}
        </p>
      )}

      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading circuit breakers…</p>
      ) : list.isError ? (
        <LoadError what="circuit breakers" message={list.error.message} onRetry={() => void list.refetch()} size="panel" />
      ) : list.data.breakers.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          No target has failed yet: every breaker is closed.
        </p>
      ) : (
        <DataTable label="Circuit breakers" columns={["Target", "State", "Last error", "Changed", actionsColumn]}>
          {list.data.breakers.map((breaker) => (
            <tr key={breaker.key}>
              <RowHeader className="font-mono text-xs">{breaker.key}</RowHeader>
              <Cell>
                <BreakerState breaker={breaker} />
              </Cell>
              <Cell className="max-w-xs text-xs break-words">{breaker.lastError ?? "—"}</Cell>
              <Cell className="text-xs">
                <RelativeTime date={breaker.updatedAt} />
              </Cell>
              <Cell className="text-right">
                {list.data.canReset && breaker.state !== "closed" && (
                  <Button size="sm" variant="ghost" aria-label={`Reset ${breaker.key}`} disabled={reset.isPending && reset.variables.key === breaker.key} onClick={() => reset.mutate({ key: breaker.key })}>
                    Reset
                  </Button>
                )}
              </Cell>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function BreakerState({ breaker }: { breaker: BreakerSummary }) {
  if (breaker.state === "open")
    return (
      <span className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-800">
        open{breaker.openUntil ? ` until ${new Date(breaker.openUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}` : ""}
      </span>
    );
  if (breaker.state === "half_open") return <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">half-open: trying one call</span>;
  return (
    <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
      closed{breaker.failures > 0 ? ` · ${breaker.failures} failed in a row` : ""}
    </span>
  );
}
