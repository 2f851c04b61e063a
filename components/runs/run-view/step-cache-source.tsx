"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { StepDefinition, StepView } from "@/engine/definition";
import { ActionDialog } from "./actions/action-dialog";
import { timeAgo } from "./step-run-label";

interface StepCacheSourceProps {
  step: StepDefinition;
  view: StepView;
  workflowId: string | null;
  canAct: boolean;
}

/** Where a cached output came from (a link to the run that computed it), and for editors a button that clears the step's cache. */
export function StepCacheSource({ step, view, workflowId, canAct }: StepCacheSourceProps) {
  const trpc = useTRPC();
  const clear = useMutation(trpc.workflows.clearStepCache.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState<number | null>(null);
  if (!step.cache) return null;
  return (
    <section aria-label="Step cache" className="flex flex-col gap-2 rounded-md border border-sky-200 bg-sky-50 p-2 text-sm text-sky-900">
      {view.cachedFrom ? (
        <p>
          From cache (
          <Link href={`/runs/${view.cachedFrom.runId}`} className="font-mono text-indigo-700 hover:underline">
            run {view.cachedFrom.runId}
          </Link>
          , {timeAgo(view.cachedFrom.at)})
        </p>
      ) : (
        <p>Cached for {step.cache.ttl}{step.cache.key ? <> by <code className="font-mono">{step.cache.key}</code></> : " by its config and inputs"}.</p>
      )}
      {canAct && workflowId && (
        <div className="flex items-center gap-2">
          <Button size="sm" onClick={() => setConfirming(true)}>Clear cache</Button>
          {cleared !== null && <span role="status">{cleared === 1 ? "1 cached output cleared" : `${cleared} cached outputs cleared`}</span>}
        </div>
      )}
      <ActionDialog open={confirming} onClose={() => setConfirming(false)} title={`Clear the cache of ${step.id}?`} confirmLabel="Clear cache"
        description="Every cached output of this step is deleted: the next run computes it afresh."
        onConfirm={async () => setCleared((await clear.mutateAsync({ workflowId: workflowId!, stepId: step.id })).cleared)} />
    </section>
  );
}
