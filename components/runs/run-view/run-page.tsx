"use client";
import "@xyflow/react/dist/style.css";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/trpc-context";
import { RunView } from "./run-view";

/** Loads the run (its pinned definition and children) and opens the live view on it. */
export function RunPage({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const run = useQuery({ ...trpc.runs.get.queryOptions({ runId }), retry: false });
  if (run.isPending) return <p className="p-10 text-center text-sm text-slate-500">Opening the run…</p>;
  if (run.isError)
    return (
      <div role="alert" className="mx-auto mt-16 max-w-md rounded-xl border border-rose-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">{run.error.data?.code === "NOT_FOUND" ? "Run not found" : "The run could not be opened"}</h1>
        <p className="mt-2 text-sm text-slate-600">{run.error.message}</p>
        <Link href="/runs" className="mt-4 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          All runs
        </Link>
      </div>
    );
  // A redrive moves the run onto another definition: a fresh view draws it and folds its log again.
  return <RunView key={`${runId}:${run.data.versions.join(",")}`} run={run.data} onChanged={() => void run.refetch()} />;
}
