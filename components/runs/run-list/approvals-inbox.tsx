"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";

const refreshMs = 2000;

/**
 * "Waiting for me": approval steps the viewer's role can decide, each with Approve and Reject. Shown
 * only when something waits (the server answers a viewer with nothing).
 */
export function ApprovalsInbox({ onDecided }: { onDecided(message: string): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const waiting = useQuery({ ...trpc.runs.waitingApprovals.queryOptions(), refetchInterval: refreshMs, refetchIntervalInBackground: false });
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.runs.waitingApprovals.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.runs.list.pathKey() })]);
  const approve = useMutation(trpc.runs.approveStep.mutationOptions({ onSettled: () => void refresh() }));
  const reject = useMutation(trpc.runs.rejectStep.mutationOptions({ onSettled: () => void refresh() }));
  const busy = approve.isPending || reject.isPending;
  const items = waiting.data ?? [];
  if (items.length === 0) return null;

  return (
    <section aria-labelledby="approvals-heading" className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4">
      <h2 id="approvals-heading" className="text-sm font-semibold text-amber-900">
        Waiting for me <span className="font-normal text-amber-800">({items.length})</span>
      </h2>
      <ul aria-label="Waiting for me" className="mt-2 flex flex-col divide-y divide-amber-200">
        {items.map((item) => {
          const label = `${item.stepName} in ${item.workflow?.name ?? "a deleted workflow"}`;
          const decide = (decision: "approve" | "reject") =>
            (decision === "approve" ? approve : reject).mutate(
              { runId: item.runId, stepId: item.stepId },
              { onSuccess: () => onDecided(`${decision === "approve" ? "Approved" : "Rejected"} ${label}.`) },
            );
          return (
            <li key={`${item.runId}/${item.stepId}`} aria-label={label} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">
                  {item.stepName} <span className="font-normal text-slate-600">in</span> {item.workflow?.name ?? "a deleted workflow"}
                </p>
                <p className="text-xs text-slate-600">
                  {item.message && <span>{item.message} · </span>}
                  <Link href={`/runs/${item.runId}`} className="font-mono text-indigo-700 hover:underline">
                    {item.runId.slice(0, 12)}
                  </Link>
                  {item.since && (
                    <>
                      {" · waiting since "}
                      <RelativeTime date={item.since} />
                    </>
                  )}
                </p>
              </div>
              <Button size="sm" variant="primary" disabled={busy} onClick={() => decide("approve")} aria-label={`Approve ${label}`}>
                Approve
              </Button>
              <Button size="sm" variant="danger" disabled={busy} onClick={() => decide("reject")} aria-label={`Reject ${label}`}>
                Reject
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
