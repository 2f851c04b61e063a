"use client";
import Link from "next/link";
import type { RunView } from "@/engine/definition";
import { useNow } from "@/components/ui/use-now";
import type { RunDetail } from "@/server/api/routers/runs/get.handler";
import { formatDuration } from "../run-text";
import { RunStatusPill } from "./run-status-pill";

/** Run id, workflow, live status, duration and the stream's connection state. */
export function RunHeader({ run, view, connection }: { run: RunDetail; view: RunView; connection: "connecting" | "live" | "error" }) {
  const running = view.status === "running" || view.status === "pending";
  const now = useNow(running);
  const start = run.startedAt ?? run.createdAt;
  const end = running ? now : (run.finishedAt?.getTime() ?? now);
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 select-none">
      {run.workflowId ? (
        <Link href={`/workflows/${run.workflowId}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {run.workflowName ?? "Workflow"}
        </Link>
      ) : (
        <Link href="/runs" className="text-sm text-slate-500 hover:text-slate-900">
          ← Runs
        </Link>
      )}
      <h1 className="font-mono text-base font-semibold text-slate-900">Run {run.id.slice(-8)}</h1>
      <RunStatusPill status={view.status === "pending" && run.status !== "pending" ? run.status : view.status} />
      <dl className="flex items-center gap-4 text-xs text-slate-500">
        {run.test && <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900">Test run of the draft</span>}
        {run.version !== null && (
          <div className="flex gap-1">
            <dt>{run.versions.length > 1 ? "Versions" : "Version"}</dt>
            <dd className="font-medium text-slate-700">{run.versions.length > 1 ? run.versions.map((number) => `v${number}`).join(" → ") : run.version}</dd>
          </div>
        )}
        <div className="flex gap-1">
          <dt>Duration</dt>
          <dd className="font-medium text-slate-700">{formatDuration(end - start.getTime())}</dd>
        </div>
        {run.parentRunId && (
          <Link href={`/runs/${run.parentRunId}`} className="text-indigo-700 hover:underline">
            Parent run
          </Link>
        )}
      </dl>
      {/* Once the run has ended nothing more will stream: the dot stops and says so. */}
      <p role="status" aria-label="Stream" className={`ml-auto flex items-center gap-1.5 text-xs ${!running ? "text-slate-500" : connection === "live" ? "text-emerald-700" : "text-amber-700"}`}>
        <span aria-hidden="true" className={`size-2 rounded-full ${!running ? "bg-slate-400" : connection === "live" ? "animate-pulse bg-emerald-500" : "bg-amber-500"}`} />
        {!running ? "Run ended" : connection === "live" ? "Live" : connection === "error" ? "Disconnected" : "Connecting…"}
      </p>
    </header>
  );
}


