"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { useTRPC, useTRPCClient } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { planRedrive, type RedrivePlan } from "@/engine/definition/redrive-plan";
import type { EditorStore } from "../editor-store";
import type { Publishing } from "./use-publishing";

interface RedrivePanelProps {
  runId: string;
  store: EditorStore;
  publishing: Publishing;
  /** Problems in the draft; `null` while the validator is still loading. */
  issueCount: number | null;
  canEdit: boolean;
  /** Makes a published version the draft (undo goes back). */
  restore(number: number): Promise<void>;
  announce(message: string): void;
}

/**
 * "Fix and continue" for one failed or cancelled run: the draft starts as the version the run ran
 * on; while it is edited, the panel says which steps the run keeps, re-runs, adds and drops; then
 * one button publishes the draft and continues the same run on the new version.
 */
export function RedrivePanel({ runId, store, publishing, issueCount, canEdit, restore, announce }: RedrivePanelProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const queryClient = useQueryClient();
  const run = useQuery({ ...trpc.runs.get.queryOptions({ runId }), retry: false, refetchOnWindowFocus: false });
  const definition = useStore(store, (state) => state.definition);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Once: the draft becomes the run's version, so the fix starts from what failed.
  const restoredFor = useRef<string | null>(null);
  const version = run.data?.version ?? null;
  useEffect(() => {
    if (version === null || !canEdit || restoredFor.current === runId) return;
    restoredFor.current = runId;
    void restore(version);
  }, [version, canEdit, runId, restore]);

  const plan = useMemo<RedrivePlan | null>(() => {
    if (!run.data) return null;
    return planRedrive(
      definition.steps.map((step) => step.id),
      new Map(run.data.steps.map((step) => [step.stepId, step.status])),
    );
  }, [definition, run.data]);

  if (run.isPending) return <RegionShell>Opening run {runId.slice(-8)}…</RegionShell>;
  if (run.isError) return <RegionShell>The run could not be opened: {run.error.message}</RegionShell>;
  const status = run.data.status;
  const redrivable = status === "failed" || status === "cancelled";

  const publishAndContinue = async () => {
    setBusy(true);
    setError(null);
    try {
      const number = await publishing.publish();
      await client.runs.redrive.mutate({ runId, version: number });
      announce(`Run continues on version ${number}`);
      // The run page must not open on this panel's copy of the run, still on the old version.
      await queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ runId }) });
      router.push(`/runs/${runId}`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <RegionShell>
      <div className="flex flex-wrap items-center gap-3">
        <p>
          Fixing <Link href={`/runs/${runId}`} className="font-mono text-indigo-700 hover:underline">run {runId.slice(-8)}</Link>, which {status === "cancelled" ? "was cancelled" : status} on version {version ?? "?"}.{" "}
          {redrivable ? "Edit the draft, then publish it and the run continues on the new version." : `The run is ${status} now: only a failed or cancelled run can continue.`}
        </p>
        <Button
          variant="primary"
          className="ml-auto"
          disabled={!redrivable || !canEdit || busy || issueCount !== 0}
          title={issueCount === null ? "Checking the draft…" : issueCount > 0 ? "Fix the problems first" : undefined}
          onClick={() => void publishAndContinue()}
        >
          {busy ? "Publishing…" : "Publish and continue run"}
        </Button>
      </div>
      {plan && redrivable && (
        <ul aria-label="What will re-run" className="mt-2 grid grid-cols-1 gap-1 text-xs sm:grid-cols-2">
          <PlanLine label="Keeps its output" ids={plan.kept} />
          <PlanLine label="Runs again" ids={plan.rerun} />
          <PlanLine label="New, will run" ids={plan.added} />
          <PlanLine label="Removed from the run" ids={plan.removed} />
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-2 text-rose-700">
          {error}
        </p>
      )}
    </RegionShell>
  );
}

function RegionShell({ children }: { children: ReactNode }) {
  return (
    <section aria-label="Fix and continue" className="border-b border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-950">
      {children}
    </section>
  );
}

function PlanLine({ label, ids }: { label: string; ids: string[] }) {
  return (
    <li>
      <span className="font-semibold">{label}:</span> {ids.length > 0 ? <span className="font-mono">{ids.join(", ")}</span> : <span className="text-indigo-700/70">none</span>}
    </li>
  );
}
